package org.tokenauth.jwt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.tokenauth.platform.OpaqueSecrets;

/**
 * Serialises the refreshes of one refresh token within this server, around the whole transaction:
 * the database's conditional update already lets only one win, and the lock makes the loser wait for
 * the winner's commit instead of meeting a lock timeout. Striped: 64 locks for all tokens.
 */
@ApplicationScoped
public class RefreshLocks {

    private static final int STRIPES = 64;
    private final Object[] locks = new Object[STRIPES];

    @Inject
    LoginSessions sessions;

    public RefreshLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Rotates the refresh token, holding its stripe's lock; a malformed token is refused unread. */
    public LoginSessions.Outcome refresh(String secret) {
        if (!OpaqueSecrets.wellFormed(secret, OpaqueSecrets.REFRESH_TOKEN)) {
            return new LoginSessions.Outcome.Refused();
        }
        synchronized (locks[Math.floorMod(secret.hashCode(), STRIPES)]) {
            return sessions.rotate(secret);
        }
    }
}
