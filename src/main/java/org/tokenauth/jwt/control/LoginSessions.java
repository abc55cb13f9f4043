package org.tokenauth.jwt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.apitokens.control.TokenSecrets;
import org.tokenauth.jwt.entity.LoginSession;
import org.tokenauth.jwt.entity.RefreshToken;
import org.tokenauth.security.RevocationState;
import org.tokenauth.security.SecurityEvents;

/**
 * Login sessions and their refresh tokens, in the database; every end of a session is also told to
 * the in-memory {@link RevocationState} so that the session's access tokens stop at once.
 */
@ApplicationScoped
public class LoginSessions {

    /** A new refresh token, and the session and account it belongs to. */
    public record Refreshed(Account account, LoginSession session, String refreshToken) {
    }

    /** What happened to a presented refresh token. */
    public sealed interface Outcome {
        record Rotated(Refreshed refreshed) implements Outcome {
        }

        record Reused(String sessionId, String accountId) implements Outcome {
        }

        record Refused() implements Outcome {
        }
    }

    public static final String ENDED_BY_LOGOUT = "logout";
    public static final String ENDED_BY_REUSE = "refresh_reuse";
    public static final String ENDED_BY_PASSWORD = "password_change";
    public static final String ENDED_BY_DISABLE = "disabled";

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    RevocationState revocation;

    @Inject
    SecurityEvents events;

    @Inject
    @ConfigProperty(name = "tokenauth.jwt.refresh-ttl", defaultValue = "86400")
    long refreshTtlSeconds;

    @Transactional
    public Refreshed start(String accountId) {
        Account account = em.find(Account.class, accountId);
        LoginSession session = new LoginSession(account, Instant.now());
        em.persist(session);
        return new Refreshed(account, session, newRefreshToken(session));
    }

    /**
     * Uses up a refresh token and, if it was live, makes its successor. The claim is one conditional
     * UPDATE, so of two requests racing with the same token exactly one can win; the other finds it
     * used, which is reuse, and ends the whole session (committed, not rolled back: the caller only
     * learns of it through the outcome).
     */
    @Transactional
    public Outcome rotate(String secret) {
        String hash = TokenSecrets.sha256Hex(secret);
        int claimed = em.createNamedQuery(RefreshToken.CLAIM).setParameter("hash", hash).executeUpdate();
        Optional<RefreshToken> found = em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", hash).getResultStream().findFirst();
        if (found.isEmpty()) {
            return new Outcome.Refused();
        }
        LoginSession session = found.get().session();
        Account account = session.account();
        if (claimed == 0) {
            events.refreshReuseDetected(account.id(), session.id());
            endSession(session, ENDED_BY_REUSE);
            return new Outcome.Reused(session.id(), account.id());
        }
        if (session.ended() || account.disabled() || found.get().expiredAt(Instant.now())) {
            return new Outcome.Refused();
        }
        return new Outcome.Rotated(new Refreshed(account, session, newRefreshToken(session)));
    }

    /** Ends one session of this account; false when the account has no such session. */
    @Transactional
    public boolean end(String accountId, String sessionId, String reason) {
        LoginSession session = sessionId == null ? null : em.find(LoginSession.class, sessionId);
        if (session == null || !session.account().id().equals(accountId)) {
            return false;
        }
        endSession(session, reason);
        return true;
    }

    /** Ends every live session of the account (password change, disabling). */
    @Transactional
    public int endAll(String accountId, String reason) {
        List<LoginSession> live = em.createNamedQuery(LoginSession.LIVE_OF_ACCOUNT, LoginSession.class)
                .setParameter("account", accountId).getResultList();
        live.forEach(s -> endSession(s, reason));
        return live.size();
    }

    public long refreshTtlSeconds() {
        return refreshTtlSeconds;
    }

    private void endSession(LoginSession session, String reason) {
        Instant now = Instant.now();
        if (!session.ended()) {
            events.sessionEnded(session.account().id(), session.id(), reason);
        }
        session.end(now, reason);
        em.createNamedQuery(RefreshToken.USE_UP_SESSION).setParameter("session", session.id()).executeUpdate();
        revocation.sessionEnded(session.id(), now);
    }

    private String newRefreshToken(LoginSession session) {
        String secret = TokenSecrets.generate(TokenSecrets.REFRESH_TOKEN);
        Instant now = Instant.now();
        RefreshToken token = new RefreshToken(session, TokenSecrets.sha256Hex(secret), now, now.plusSeconds(refreshTtlSeconds));
        em.persist(token);
        events.issued(SecurityEvents.Kind.REFRESH_TOKEN, session.account().id(), token.id(), session.id());
        return secret;
    }
}
