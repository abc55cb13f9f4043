package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.audit.SecurityEvents;
import org.tokenauth.platform.Announced;
import org.tokenauth.platform.Local;
import org.tokenauth.problems.ApiProblem;

/**
 * The changes to an account that reach its credentials, each in one transaction with the account's
 * row locked: a new password, disabling, enabling, new groups. Each fires its event
 * ({@link CredentialsChanged}, {@link AccountDisabled}, {@link AccountEnabled}, {@link GroupsChanged})
 * inside the transaction, so that the features holding credentials revoke them in the same
 * transaction, and again in memory once it commits.
 */
@ApplicationScoped
public class AccountChanges {

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    @Local
    Event<Announced> changes;

    @Inject
    SecurityEvents events;

    @Transactional
    public void changePassword(String accountId, String newHash) {
        Account account = em.find(Account.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = now();
        account.changePassword(newHash, now);
        changes.fire(new CredentialsChanged(accountId, now));
        events.passwordChanged(accountId);
    }

    /**
     * Applies an administrator's change: either may be null for "unchanged". Disabling revokes
     * everything; enabling again brings back nothing that was revoked. A change that would leave no
     * enabled administrator is refused (409).
     *
     * <p>Every such change first locks the rows of all administrators, in the order of their ids,
     * and only then the account changed: two administrators disabling each other at the same moment
     * are serialised, and the second sees that it would leave none. The lock is the database's, so
     * it holds across servers too.
     */
    @Transactional
    public Optional<Account> update(String accountId, Boolean disabled, Set<String> groups) {
        List<Account> administrators = em.createNamedQuery(Account.ADMINISTRATORS_FOR_UPDATE, Account.class)
                .setParameter("pattern", "%" + Account.ADMIN_GROUP + "%")
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        Account account = em.find(Account.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            return Optional.empty();
        }
        boolean staysAdministrator = !Boolean.TRUE.equals(disabled) && !account.disabled()
                && (groups == null ? account.groups().contains(Account.ADMIN_GROUP) : groups.contains(Account.ADMIN_GROUP));
        boolean anotherRemains = administrators.stream()
                .anyMatch(a -> !a.id().equals(accountId) && !a.disabled() && a.groups().contains(Account.ADMIN_GROUP));
        if (!staysAdministrator && !anotherRemains && isEnabledAdministrator(account)) {
            throw new ApiProblem(409, "This change would leave no enabled administrator.");
        }
        Instant now = now();
        if (groups != null) {
            account.changeGroups(groups, now);
            changes.fire(new GroupsChanged(accountId, now, account.groups()));
            events.userChanged(accountId, "groups_changed", String.join(",", account.groups()));
        }
        if (disabled != null && disabled != account.disabled()) {
            account.setDisabled(disabled, now);
            changes.fire(disabled ? new AccountDisabled(accountId, now) : new AccountEnabled(accountId, now));
            events.userChanged(accountId, disabled ? "user_disabled" : "user_enabled", null);
        }
        return Optional.of(account);
    }

    private static boolean isEnabledAdministrator(Account account) {
        return !account.disabled() && account.groups().contains(Account.ADMIN_GROUP);
    }

    /** To the millisecond: a login whose check read the previous value must see that it changed. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
