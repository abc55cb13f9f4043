package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.Set;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.problems.ApiProblem;

/** Reads and writes accounts. */
@ApplicationScoped
public class AccountStore {

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    public Optional<Account> byId(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Account.class, id));
    }

    public Optional<Account> byUsername(String username) {
        return em.createNamedQuery(Account.BY_USERNAME_KEY, Account.class)
                .setParameter("key", Account.usernameKey(AccountRules.normalizeUsername(username)))
                .getResultStream().findFirst();
    }

    public boolean emailTaken(String email) {
        return !em.createNamedQuery(Account.BY_EMAIL_KEY, Account.class)
                .setParameter("key", Account.emailKey(email)).setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * Stores a new account. The unique indexes decide races between two registrations of the same
     * name: the loser gets 409, like a caller who came second without a race.
     */
    @Transactional
    public Account create(String username, String email, String passwordHash, Set<String> groups) {
        if (byUsername(username).isPresent()) {
            throw ApiProblem.conflict("username", "is already taken");
        }
        if (emailTaken(email)) {
            throw ApiProblem.conflict("email", "is already registered");
        }
        Account account = new Account(username, email, passwordHash, groups);
        em.persist(account);
        em.flush();
        return account;
    }

    /** A page of accounts in the order they were made, and how many there are in all. */
    public java.util.List<Account> page(int offset, int limit) {
        return em.createNamedQuery(Account.ALL_IN_ORDER, Account.class).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count() {
        return em.createNamedQuery(Account.COUNT, Long.class).getSingleResult();
    }

    @Transactional
    public void replacePasswordHash(String accountId, String expectedOldHash, String newHash) {
        Account account = em.find(Account.class, accountId);
        // a concurrent password change wins over a re-hash of the old password
        if (account != null && account.passwordHash().equals(expectedOldHash)) {
            account.changePasswordHash(newHash);
        }
    }
}
