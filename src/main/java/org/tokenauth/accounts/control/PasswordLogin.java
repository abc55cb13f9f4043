package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.problems.ApiProblem;
import org.tokenauth.security.LoginThrottle;
import org.tokenauth.security.SecurityEvents;

/**
 * Checks passwords. Unknown user, wrong password and disabled user all fail the same way and after
 * the same work (one full hash), so the answer tells an attacker nothing; failures are throttled per
 * username and per client address.
 */
@ApplicationScoped
public class PasswordLogin {

    public static final String FAILED = "Unknown username or wrong password.";

    @Inject
    AccountStore accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    @Inject
    SecurityEvents events;

    /** The account with this username and password, else 401 (or 429 when throttled). */
    public Account authenticate(String username, String password, String clientAddress) {
        checkThrottle(username, clientAddress);
        Optional<Account> found = plausible(username, password) ? accounts.byUsername(username) : Optional.empty();
        if (found.isEmpty()) {
            hasher.verifyAgainstDummy(password == null ? "" : password);
            throttle.failed(username, clientAddress);
            events.loginFailed(null);
            throw ApiProblem.unauthorized(FAILED);
        }
        Account account = found.get();
        if (!verifyAndUpgrade(account, password) || account.disabled()) {
            throttle.failed(username, clientAddress);
            events.loginFailed(account.id());
            throw ApiProblem.unauthorized(FAILED);
        }
        throttle.succeeded(username);
        events.loginSucceeded(account.id());
        return account;
    }

    /** Whether this is the account's password (for a password change), throttled like a login. */
    public boolean confirm(Account account, String password, String clientAddress) {
        checkThrottle(account.username(), clientAddress);
        if (password == null || password.length() > 4 * AccountRules.PASSWORD_MAX || !verifyAndUpgrade(account, password)) {
            throttle.failed(account.username(), clientAddress);
            events.loginFailed(account.id());
            return false;
        }
        throttle.succeeded(account.username());
        return true;
    }

    private void checkThrottle(String username, String clientAddress) {
        try {
            throttle.check(username, clientAddress);
        } catch (ApiProblem throttled) {
            events.loginThrottled();
            throw throttled;
        }
    }

    private boolean verifyAndUpgrade(Account account, String password) {
        String stored = account.passwordHash();
        if (!hasher.verify(password, stored)) {
            return false;
        }
        if (hasher.needsRehash(stored)) {
            accounts.replacePasswordHash(account.id(), stored, hasher.hash(password));
        }
        return true;
    }

    private static boolean plausible(String username, String password) {
        // over-long input is refused after the same work as any other failure, never hashed at length
        // a username that could never have been registered (NUL, a lone surrogate, a slash...) is not
        // looked up at all: PostgreSQL refuses such text outright
        return username != null && password != null && !password.isEmpty()
                && username.length() <= 4 * AccountRules.USERNAME_MAX && password.length() <= 4 * AccountRules.PASSWORD_MAX
                && AccountRules.usernameError(AccountRules.normalizeUsername(username)).isEmpty();
    }
}
