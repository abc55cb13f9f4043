package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.problems.ApiProblem;

/**
 * Checks a username and password. Unknown user, wrong password and disabled user all fail the same
 * way and after the same work (one full hash), so the answer tells an attacker nothing.
 */
@ApplicationScoped
public class PasswordLogin {

    public static final String FAILED = "Unknown username or wrong password.";

    @Inject
    AccountStore accounts;

    @Inject
    PasswordHasher hasher;

    public Account authenticate(String username, String password) {
        if (username == null || password == null || username.isEmpty() || password.isEmpty()
                || username.length() > 4 * AccountRules.USERNAME_MAX || password.length() > 4 * AccountRules.PASSWORD_MAX) {
            hasher.verifyAgainstDummy(password == null ? "" : password);
            throw ApiProblem.unauthorized(FAILED);
        }
        Optional<Account> found = accounts.byUsername(username);
        if (found.isEmpty()) {
            hasher.verifyAgainstDummy(password);
            throw ApiProblem.unauthorized(FAILED);
        }
        Account account = found.get();
        String stored = account.passwordHash();
        if (!hasher.verify(password, stored) || account.disabled()) {
            throw ApiProblem.unauthorized(FAILED);
        }
        if (hasher.needsRehash(stored)) {
            accounts.replacePasswordHash(account.id(), stored, hasher.hash(password));
        }
        return account;
    }
}
