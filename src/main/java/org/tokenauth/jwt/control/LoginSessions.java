package org.tokenauth.jwt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tokenauth.accounts.control.AccountDisabled;
import org.tokenauth.accounts.control.CredentialsChanged;
import org.tokenauth.accounts.control.IssuingLock;
import org.tokenauth.accounts.control.Proof;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.audit.RevocationReason;
import org.tokenauth.audit.SecurityEvents;
import org.tokenauth.jwt.entity.LoginSession;
import org.tokenauth.jwt.entity.RefreshToken;
import org.tokenauth.platform.Local;
import org.tokenauth.platform.OpaqueSecrets;

/**
 * Login sessions and their refresh tokens, in the database. Every end of a session fires
 * {@link SessionEnded}, so that the session's access tokens stop at once ({@link RevocationState}).
 * A new password or disabling ends all of the account's sessions in the same transaction.
 */
@ApplicationScoped
public class LoginSessions {

    /** A new refresh token, its lifetime in seconds, and the session and account it belongs to. */
    public record Refreshed(Account account, LoginSession session, String refreshToken, long refreshExpiresIn) {
    }

    /** What happened to a presented refresh token. */
    public sealed interface Outcome {
        record Rotated(Refreshed refreshed) implements Outcome {
        }

        /** It had been used already: its whole session has been ended. */
        record Reused() implements Outcome {
        }

        /**
         * Its session had ended otherwise (logout, a new password, disabling, its maximum age), or the
         * account's credentials changed since it began.
         */
        record Ended() implements Outcome {
        }

        /** Unknown, malformed or expired. */
        record Refused() implements Outcome {
        }
    }

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    SecurityEvents events;

    @Inject
    @Local
    Event<SessionEnded> ends;

    @Inject
    JwtSettings settings;

    @Inject
    IssuingLock issuingLock;

    /**
     * A new session for a right password, stored only if the account's credentials did not change
     * since the password was checked (see {@link IssuingLock}).
     */
    @Transactional
    public Refreshed start(Proof.Password proof) {
        Account account = issuingLock.lockFor(proof);
        LoginSession session = new LoginSession(account, Instant.now());
        em.persist(session);
        return newRefreshToken(session);
    }

    /**
     * Uses up a refresh token and, if it was live, makes its successor. The claim is one conditional
     * UPDATE, so of two requests racing with the same token exactly one can win; the other finds it
     * used, which is reuse, and ends the whole session (committed, not rolled back: the caller only
     * learns of it through the outcome).
     */
    @Transactional
    public Outcome rotate(String secret) {
        String hash = OpaqueSecrets.sha256Hex(secret);
        int claimed = em.createNamedQuery(RefreshToken.CLAIM).setParameter("hash", hash).executeUpdate();
        // the account as the database has it now: another server may have disabled it a moment ago
        Optional<RefreshToken> found = em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", hash)
                .setHint("jakarta.persistence.fetchgraph", em.getEntityGraph(RefreshToken.WITH_ACCOUNT))
                .setHint("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS)
                .setHint("jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH)
                .getResultStream().findFirst();
        if (found.isEmpty()) {
            return new Outcome.Refused();
        }
        LoginSession session = found.get().session();
        Account account = session.account();
        if (session.ended()) {
            // used up when its session ended: not reuse, whoever presents it
            return new Outcome.Ended();
        }
        if (claimed == 0) {
            events.refreshReuseDetected(account.id(), session.id());
            endSession(session, RevocationReason.REFRESH_REUSE);
            return new Outcome.Reused();
        }
        Instant now = Instant.now();
        if (account.disabled() || session.createdAt().isBefore(account.credentialsChangedAt())) {
            // a session begun before a new password (a login in flight when it changed) ends with it
            endSession(session, account.disabled() ? RevocationReason.DISABLED : RevocationReason.PASSWORD_CHANGE);
            return new Outcome.Ended();
        }
        if (!now.isBefore(sessionEnd(session))) {
            endSession(session, RevocationReason.SESSION_MAX_AGE);
            return new Outcome.Ended();
        }
        if (found.get().expiredAt(now)) {
            return new Outcome.Refused();
        }
        return new Outcome.Rotated(newRefreshToken(session));
    }

    /** Ends one session of this account; false when the account has no such session. */
    @Transactional
    public boolean end(String accountId, String sessionId, RevocationReason reason) {
        LoginSession session = sessionId == null ? null : em.find(LoginSession.class, sessionId);
        if (session == null || !session.account().id().equals(accountId)) {
            return false;
        }
        endSession(session, reason);
        return true;
    }

    /** In the transaction of the password change (on the server that made it). */
    void onCredentialsChanged(@Observes @Local CredentialsChanged change) {
        endAll(change.accountId(), RevocationReason.PASSWORD_CHANGE);
    }

    /** In the transaction that disables the account (on the server that made it). */
    void onDisabled(@Observes @Local AccountDisabled disabled) {
        endAll(disabled.accountId(), RevocationReason.DISABLED);
    }

    private void endAll(String accountId, RevocationReason reason) {
        List<LoginSession> live = em.createNamedQuery(LoginSession.LIVE_OF_ACCOUNT, LoginSession.class)
                .setParameter("account", accountId).getResultList();
        live.forEach(s -> endSession(s, reason));
    }

    private void endSession(LoginSession session, RevocationReason reason) {
        Instant now = Instant.now();
        if (!session.ended()) {
            events.sessionEnded(session.account().id(), session.id(), reason);
        }
        session.end(now, reason.label());
        em.createNamedQuery(RefreshToken.USE_UP_SESSION).setParameter("session", session.id()).executeUpdate();
        ends.fire(new SessionEnded(session.id(), session.account().id(), now));
    }

    /** A refresh token lives its configured lifetime, but never past its session's maximum age. */
    private Refreshed newRefreshToken(LoginSession session) {
        String secret = OpaqueSecrets.generate(OpaqueSecrets.REFRESH_TOKEN);
        Instant now = Instant.now();
        long lifetime = Math.min(settings.refreshTtlSeconds(), Math.max(0, Duration.between(now, sessionEnd(session)).toSeconds()));
        RefreshToken token = new RefreshToken(session, OpaqueSecrets.sha256Hex(secret), now, now.plusSeconds(lifetime));
        em.persist(token);
        events.issued(SecurityEvents.Kind.REFRESH_TOKEN, session.account().id(), token.id(), session.id());
        return new Refreshed(session.account(), session, secret, lifetime);
    }

    private Instant sessionEnd(LoginSession session) {
        return session.createdAt().plusSeconds(settings.sessionMaxAgeSeconds());
    }

}
