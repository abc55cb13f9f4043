package org.tokenauth.jwt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.tokenauth.apitokens.control.TokenSecrets;

/**
 * Serialises the refreshes of one refresh token within this server, around the whole transaction:
 * the database's conditional update already lets only one win, and the lock makes the loser wait for
 * the winner's commit instead of meeting a lock timeout.
 */
@ApplicationScoped
public class RefreshRotation {

    private static final int STRIPES = 64;
    private final Object[] locks = new Object[STRIPES];

    @Inject
    LoginSessions sessions;

    public RefreshRotation() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    public LoginSessions.Outcome refresh(String secret) {
        if (!TokenSecrets.wellFormed(secret, TokenSecrets.REFRESH_TOKEN)) {
            return new LoginSessions.Outcome.Refused();
        }
        synchronized (locks[Math.floorMod(secret.hashCode(), STRIPES)]) {
            return sessions.rotate(secret);
        }
    }
}
