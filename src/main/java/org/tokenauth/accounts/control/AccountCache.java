package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.platform.AnnouncementsMissed;

/**
 * Accounts sit in the JPA shared cache (read on every {@code /api/me}). A change made on this server
 * updates the cached copy when it commits; a change that another server of the cluster announces
 * evicts it, so that the next read comes from the database.
 */
@ApplicationScoped
public class AccountCache {

    @PersistenceUnit(unitName = "tokenauth")
    EntityManagerFactory persistence;

    void onCredentialsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsChanged change) {
        evict(change.accountId());
    }

    void onDisabled(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountDisabled change) {
        evict(change.accountId());
    }

    void onEnabled(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountEnabled change) {
        evict(change.accountId());
    }

    void onGroupsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) GroupsChanged change) {
        evict(change.accountId());
    }

    void onMissed(@Observes AnnouncementsMissed missed) {
        persistence.getCache().evict(Account.class);
    }

    private void evict(String accountId) {
        persistence.getCache().evict(Account.class, accountId);
    }
}
