package org.tokenauth.jwt.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.tokenauth.accounts.control.AccountDisabled;
import org.tokenauth.accounts.control.AccountEnabled;
import org.tokenauth.accounts.control.CredentialsChanged;
import org.tokenauth.accounts.control.GroupsChanged;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.jwt.entity.LoginSession;
import org.tokenauth.platform.AnnouncementsMissed;

/**
 * What can make a still-unexpired access token invalid or weaker, in memory, so that the bearer path
 * needs no database read: sessions ended, accounts disabled, passwords changed, groups changed.
 * Loaded from the database at start and kept current by the events of the changes, applied once
 * their transaction has committed. It holds only what can still matter: an ended session, a password
 * change or a change of groups older than the acceptance window of an access token can no longer
 * concern a live token, and is dropped.
 */
@ApplicationScoped
public class RevocationState {

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    JwtSettings settings;

    /** session id → when it ended, epoch seconds */
    private final Map<String, Long> endedSessions = new ConcurrentHashMap<>();
    /** account id → tokens issued before this epoch second are refused */
    private final Map<String, Long> credentialsChanged = new ConcurrentHashMap<>();
    /** account id → when this server learned that it is disabled (epoch milliseconds) */
    private final Map<String, Long> disabledAccounts = new ConcurrentHashMap<>();
    /** account id → its groups since a recent change, and when that was */
    private final Map<String, Groups> groupsChanged = new ConcurrentHashMap<>();
    private final AtomicLong lastPrune = new AtomicLong();

    /** Whatever was missed is in the database. */
    void onMissed(@Observes AnnouncementsMissed missed) {
        load();
    }

    /**
     * Reads what the database holds. Only adds what memory lacks, except that an account enabled
     * meanwhile is no longer refused, unless this server learned of its disabling while reading.
     */
    @PostConstruct
    void load() {
        long started = System.currentTimeMillis();
        Instant since = Instant.now().minusSeconds(settings.acceptanceWindowSeconds());
        for (Object[] row : em.createNamedQuery(LoginSession.ENDED_SINCE, Object[].class)
                .setParameter("since", since).getResultList()) {
            endedSessions.put((String) row[0], ((Instant) row[1]).getEpochSecond());
        }
        for (Object[] row : em.createNamedQuery(Account.CREDENTIALS_CHANGED_SINCE, Object[].class)
                .setParameter("since", since).getResultList()) {
            credentialsChanged.put((String) row[0], ((Instant) row[1]).getEpochSecond());
        }
        Set<String> disabled = Set.copyOf(em.createNamedQuery(Account.DISABLED_IDS, String.class).getResultList());
        disabled.forEach(id -> disabledAccounts.putIfAbsent(id, started));
        disabledAccounts.entrySet().removeIf(e -> !disabled.contains(e.getKey()) && e.getValue() < started);
        for (Object[] row : em.createNamedQuery(Account.GROUPS_CHANGED_SINCE, Object[].class)
                .setParameter("since", since).getResultList()) {
            groupsChanged.put((String) row[0], new Groups(Account.groupsOf((String) row[2]), ((Instant) row[1]).getEpochSecond()));
        }
    }

    private record Groups(List<String> current, long changedAt) {
    }

    /** True when a token with these (signature-checked or not) claims must be refused. */
    public boolean refuses(String accountId, String sessionId, long issuedAt) {
        if (accountId == null || disabledAccounts.containsKey(accountId)) {
            return true;
        }
        if (sessionId != null && endedSessions.containsKey(sessionId)) {
            return true;
        }
        Long changed = credentialsChanged.get(accountId);
        return changed != null && issuedAt < changed;
    }

    /**
     * The groups a token may use: those of its {@code groups} claim that the account still has. A token
     * issued before a change of groups carries the groups of then; a demoted administrator's token
     * must not keep {@code admin}.
     */
    public List<String> effectiveGroups(String accountId, Collection<String> claimed) {
        Groups changed = groupsChanged.get(accountId);
        return changed == null ? List.copyOf(claimed) : claimed.stream().filter(changed.current()::contains).toList();
    }

    void onGroupsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) GroupsChanged change) {
        groupsChanged.merge(change.accountId(), new Groups(change.groups(), change.at().getEpochSecond()),
                (old, now) -> now.changedAt() >= old.changedAt() ? now : old);
        pruneNowAndThen();
    }

    void onSessionEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionEnded ended) {
        endedSessions.put(ended.sessionId(), ended.at().getEpochSecond());
        pruneNowAndThen();
    }

    void onCredentialsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsChanged change) {
        credentialsChanged.merge(change.accountId(), change.at().getEpochSecond(), Math::max);
        pruneNowAndThen();
    }

    void onDisabled(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountDisabled disabled) {
        disabledAccounts.put(disabled.accountId(), System.currentTimeMillis());
    }

    void onEnabled(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountEnabled enabled) {
        disabledAccounts.remove(enabled.accountId());
    }

    private void pruneNowAndThen() {
        long now = Instant.now().getEpochSecond();
        long last = lastPrune.get();
        if (now - last >= 60 && lastPrune.compareAndSet(last, now)) {
            long cutoff = now - settings.acceptanceWindowSeconds();
            endedSessions.values().removeIf(at -> at < cutoff);
            credentialsChanged.values().removeIf(at -> at < cutoff);
            groupsChanged.values().removeIf(g -> g.changedAt() < cutoff);
        }
    }
}
