package org.tokenauth.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.apitokens.control.ApiTokenStore;
import org.tokenauth.jwt.control.LoginSessions;
import org.tokenauth.platform.Times;

/**
 * The changes to an account that must take every credential with them, each in one transaction: a
 * new password, and disabling. API tokens are deleted, login sessions ended, and the in-memory
 * {@link RevocationState} told, so that access tokens stop at once too.
 */
@ApplicationScoped
public class CredentialReset {

    @PersistenceContext(unitName = "tokenauth")
    EntityManager em;

    @Inject
    ApiTokenStore apiTokens;

    @Inject
    LoginSessions sessions;

    @Inject
    RevocationState revocation;

    @Inject
    SecurityEvents events;

    @Transactional
    public void changePassword(String accountId, String newHash) {
        Account account = em.find(Account.class, accountId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Instant now = Times.now();
        account.changePassword(newHash, now);
        apiTokens.revokeAll(accountId, LoginSessions.ENDED_BY_PASSWORD);
        sessions.endAll(accountId, LoginSessions.ENDED_BY_PASSWORD);
        revocation.credentialsChanged(accountId, now);
        events.passwordChanged(accountId);
    }

    /**
     * Applies an administrator's change. Disabling revokes everything; enabling again brings back
     * nothing that was revoked.
     */
    @Transactional
    public Optional<Account> update(String accountId, Boolean disabled, Set<String> groups) {
        Account account = em.find(Account.class, accountId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            return Optional.empty();
        }
        if (groups != null) {
            account.setGroups(groups);
            apiTokens.accountChanged(accountId);
            events.userChanged(accountId, "groups_changed", String.join(",", account.groups()));
        }
        if (disabled != null && disabled != account.disabled()) {
            account.setDisabled(disabled);
            if (disabled) {
                apiTokens.revokeAll(accountId, LoginSessions.ENDED_BY_DISABLE);
                sessions.endAll(accountId, LoginSessions.ENDED_BY_DISABLE);
            }
            revocation.accountDisabled(accountId, disabled);
            events.userChanged(accountId, disabled ? "user_disabled" : "user_enabled", null);
        }
        return Optional.of(account);
    }
}
