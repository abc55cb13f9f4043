package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.problems.ApiProblem;

/**
 * Ties a password check (or an accepted credential) to the commit of the credential it earns. The
 * transaction that stores a new API token or login session first locks the account's row here, so
 * it is serialised with a password change or a disabling, which lock the same row; then it refuses
 * if the account's credentials changed, or the account was disabled, since the check. Without this,
 * a login whose password check finished just before a password change, but whose token was written
 * just after, would keep a working credential of the old password.
 */
@ApplicationScoped
public class IssuingLock {

    public static final String REVOKED = "The credentials of this account changed; log in again.";

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    /** The account, locked until the caller's transaction ends; 401 if the proof no longer holds. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Account lockFor(Proof proof) {
        Account account = em.find(Account.class, proof.accountId(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null || account.disabled()) {
            throw ApiProblem.unauthorized(PasswordLogin.FAILED);
        }
        boolean stillHolds = proof instanceof Proof.Password p
                ? account.credentialsChangedAt().equals(p.credentialsVersion())
                : !account.credentialsChangedAt().isAfter(((Proof.Credential) proof).madeAt());
        if (!stillHolds) {
            throw ApiProblem.unauthorized(proof instanceof Proof.Password ? PasswordLogin.FAILED : REVOKED);
        }
        return account;
    }
}
