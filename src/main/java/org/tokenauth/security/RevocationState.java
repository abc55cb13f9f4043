package org.tokenauth.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.jwt.entity.LoginSession;

/**
 * What can make a still-unexpired access token invalid, in memory, so that the bearer path needs no
 * database read: sessions ended, accounts disabled, passwords changed. Loaded from the database at
 * start and kept current by the code that changes the database. It holds only what can still matter:
 * an ended session or a password change older than the access-token lifetime plus the clock skew
 * can no longer have a live token, and is dropped.
 */
@ApplicationScoped
public class RevocationState {

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "tokenauth.jwt.access-ttl", defaultValue = "300")
    long accessTtlSeconds;

    @Inject
    @ConfigProperty(name = "tokenauth.jwt.clock-skew", defaultValue = "30")
    long clockSkewSeconds;

    /** session id → when it ended, epoch seconds */
    private final Map<String, Long> endedSessions = new ConcurrentHashMap<>();
    /** account id → tokens issued before this epoch second are refused */
    private final Map<String, Long> credentialsChanged = new ConcurrentHashMap<>();
    private final Set<String> disabledAccounts = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastPrune = new AtomicLong();

    @PostConstruct
    void load() {
        Instant since = Instant.now().minusSeconds(window());
        for (Object[] row : em.createNamedQuery(LoginSession.ENDED_SINCE, Object[].class)
                .setParameter("since", since).getResultList()) {
            endedSessions.put((String) row[0], ((Instant) row[1]).getEpochSecond());
        }
        for (Object[] row : em.createNamedQuery(Account.CREDENTIALS_CHANGED_SINCE, Object[].class)
                .setParameter("since", since).getResultList()) {
            credentialsChanged.put((String) row[0], ((Instant) row[1]).getEpochSecond());
        }
        disabledAccounts.addAll(em.createNamedQuery(Account.DISABLED_IDS, String.class).getResultList());
    }

    /** True when a token with these (signature-checked or not) claims must be refused. */
    public boolean refuses(String accountId, String sessionId, long issuedAt) {
        if (accountId == null || disabledAccounts.contains(accountId)) {
            return true;
        }
        if (sessionId != null && endedSessions.containsKey(sessionId)) {
            return true;
        }
        Long changed = credentialsChanged.get(accountId);
        return changed != null && issuedAt < changed;
    }

    public void sessionEnded(String sessionId, Instant at) {
        endedSessions.put(sessionId, at.getEpochSecond());
        pruneNowAndThen();
    }

    public void credentialsChanged(String accountId, Instant at) {
        credentialsChanged.merge(accountId, at.getEpochSecond(), Math::max);
        pruneNowAndThen();
    }

    public void accountDisabled(String accountId, boolean disabled) {
        if (disabled) {
            disabledAccounts.add(accountId);
        } else {
            disabledAccounts.remove(accountId);
        }
    }

    private long window() {
        return accessTtlSeconds + clockSkewSeconds;
    }

    private void pruneNowAndThen() {
        long now = Instant.now().getEpochSecond();
        long last = lastPrune.get();
        if (now - last >= 60 && lastPrune.compareAndSet(last, now)) {
            long cutoff = now - window();
            endedSessions.values().removeIf(at -> at < cutoff);
            credentialsChanged.values().removeIf(at -> at < cutoff);
        }
    }
}
