package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.audit.SecurityEvents;
import org.tokenauth.problems.ApiProblem;

/**
 * Checks passwords. Unknown user, wrong password and disabled user all fail the same way and after
 * the same work (one full hash), so the answer tells an attacker nothing; attempts are throttled per
 * username and per client address, counted before the hash ({@link LoginThrottle}).
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

    /**
     * What a right password proves, else 401 (or 429 when throttled). The proof names the version of
     * the account's credentials the password was checked against, so that the credential it earns is
     * only stored if they did not change meanwhile ({@link IssuingLock}).
     */
    public Proof.Password authenticate(String username, String password, String clientAddress) {
        LoginThrottle.Attempt attempt = attempt(username, clientAddress);
        return checked(attempt, () -> {
            Optional<Account> found = plausible(username, password) ? accounts.byUsernameFromDatabase(username) : Optional.empty();
            if (found.isEmpty()) {
                hasher.verifyAgainstDummy(password == null ? "" : password);
                events.loginFailed(null);
                return null;
            }
            Account account = found.get();
            Instant version = account.credentialsChangedAt();
            if (!verifyAndUpgrade(account, password) || account.disabled()) {
                events.loginFailed(account.id());
                return null;
            }
            events.loginSucceeded(account.id());
            return new Proof.Password(account.id(), version);
        }).orElseThrow(() -> ApiProblem.unauthorized(FAILED));
    }

    /** Whether this is the account's password (for a password change), throttled like a login. */
    public boolean confirm(Account account, String password, String clientAddress) {
        LoginThrottle.Attempt attempt = attempt(account.username(), clientAddress);
        return checked(attempt, () -> {
            if (password == null || password.length() > 4 * AccountRules.PASSWORD_MAX || !verifyAndUpgrade(account, password)) {
                events.loginFailed(account.id());
                return null;
            }
            return Boolean.TRUE;
        }).isPresent();
    }

    private LoginThrottle.Attempt attempt(String username, String clientAddress) {
        try {
            return throttle.attempt(username, clientAddress);
        } catch (ApiProblem throttled) {
            events.loginThrottled();
            throw throttled;
        }
    }

    /** Runs a check counted by {@code attempt}, and tells the throttle how it ended (null: failed). */
    private static <T> Optional<T> checked(LoginThrottle.Attempt attempt, java.util.function.Supplier<T> check) {
        T result;
        try {
            result = check.get();
        } catch (ApiProblem busy) {
            // no password was checked (503 from the hashing gate): not an attempt
            attempt.notChecked();
            throw busy;
        }
        if (result == null) {
            attempt.failed();
        } else {
            attempt.succeeded();
        }
        return Optional.ofNullable(result);
    }

    private boolean verifyAndUpgrade(Account account, String password) {
        String stored = account.passwordHash();
        if (!hasher.verify(password, stored)) {
            return false;
        }
        if (hasher.needsRehash(stored)) {
            accounts.rehash(account.id(), stored, hasher.hash(password));
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
