package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.problems.ApiProblem;
import org.tokenauth.problems.Problem.FieldError;

/** Validates, hashes and stores a new account. */
@ApplicationScoped
public class Registration {

    @Inject
    AccountStore accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordSettings settings;

    public Account register(String rawUsername, String email, String password, Set<String> groups) {
        String username = validUsername(rawUsername, email, password);
        // a cheap check before the expensive hash; the unique indexes still decide races
        accounts.requireAvailable(username, email);
        String hash = hasher.hash(password);
        try {
            return accounts.create(username, email, hash, groups);
        } catch (PersistenceException | TransactionalException lostRace) {
            // another registration won between the check and the insert: tell which unique key it took
            accounts.requireAvailable(username, email);
            throw lostRace;
        }
    }

    /**
     * The configured administrator, made at start by whichever server of the cluster comes first:
     * empty when an account of that name exists (another server made it a moment ago, or long ago).
     */
    public Optional<Account> registerAtStart(String rawUsername, String email, String password, Set<String> groups) {
        String username = validUsername(rawUsername, email, password);
        if (accounts.byUsernameFromDatabase(username).isPresent()) {
            return Optional.empty();
        }
        return accounts.createAtStart(username, email, hasher.hash(password), groups);
    }

    private String validUsername(String rawUsername, String email, String password) {
        String username = AccountRules.normalizeUsername(rawUsername);
        List<FieldError> errors = AccountRules.registration(username, email, password, settings.minLength());
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return username;
    }
}
