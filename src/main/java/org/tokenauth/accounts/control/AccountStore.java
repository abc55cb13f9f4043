package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.platform.StartLocks;
import org.tokenauth.problems.ApiProblem;
import org.tokenauth.problems.Problem.FieldError;

/** Reads and writes accounts. */
@ApplicationScoped
public class AccountStore {

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    StartLocks startLocks;

    public Optional<Account> byId(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Account.class, id));
    }

    public Optional<Account> byUsername(String username) {
        return em.createNamedQuery(Account.BY_USERNAME_KEY, Account.class)
                .setParameter("key", AccountRules.usernameKey(username))
                .getResultStream().findFirst();
    }

    /**
     * The account as the database has it now, not as the shared cache remembers it: where a
     * credential is granted (a password check), another server may have changed it a moment ago. One
     * indexed query beside a 50 ms hash costs nothing.
     */
    public Optional<Account> byUsernameFromDatabase(String username) {
        return em.createNamedQuery(Account.BY_USERNAME_KEY, Account.class)
                .setParameter("key", AccountRules.usernameKey(username))
                .setHint("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS)
                .setHint("jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH)
                .getResultStream().findFirst();
    }

    /** Likewise by id. */
    public Optional<Account> byIdFromDatabase(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Account.class, id,
                java.util.Map.of("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS,
                        "jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH)));
    }

    /** 409 naming every field that another account already holds. */
    public void requireAvailable(String username, String email) {
        List<FieldError> taken = new java.util.ArrayList<>();
        if (byUsername(username).isPresent()) {
            taken.add(new FieldError("username", "is already taken"));
        }
        if (!em.createNamedQuery(Account.BY_EMAIL_KEY, Account.class).setParameter("key", AccountRules.emailKey(email))
                .setMaxResults(1).getResultList().isEmpty()) {
            taken.add(new FieldError("email", "is already registered"));
        }
        if (!taken.isEmpty()) {
            throw ApiProblem.conflict(taken);
        }
    }

    /**
     * Stores a new account. The unique indexes decide races between two registrations of the same
     * name: the loser gets 409, like a caller who came second without a race.
     */
    @Transactional
    public Account create(String username, String email, String passwordHash, Set<String> groups) {
        requireAvailable(username, email);
        Account account = new Account(username, AccountRules.usernameKey(username), email, AccountRules.emailKey(email),
                passwordHash, groups);
        em.persist(account);
        em.flush();
        return account;
    }

    /**
     * Stores the configured administrator at start, unless an account of that name exists: empty
     * then. Servers starting together wait for each other here ({@link StartLocks}), so all but the
     * first find its account instead of failing on the unique name.
     */
    @Transactional
    public Optional<Account> createAtStart(String username, String email, String passwordHash, Set<String> groups) {
        startLocks.hold(StartLocks.ADMINISTRATOR);
        if (byUsernameFromDatabase(username).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(create(username, email, passwordHash, groups));
    }

    /** A page of accounts in the order they were made. */
    public List<Account> page(int offset, int limit) {
        return em.createNamedQuery(Account.ALL_IN_ORDER, Account.class).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count() {
        return em.createNamedQuery(Account.COUNT, Long.class).getSingleResult();
    }

    /** Stores a stronger hash of the same password, unless the password changed meanwhile. */
    @Transactional
    public void rehash(String accountId, String expectedOldHash, String newHash) {
        Account account = em.find(Account.class, accountId);
        // a concurrent password change wins over a re-hash of the old password
        if (account != null && account.passwordHash().equals(expectedOldHash)) {
            account.rehash(newHash);
        }
    }
}
