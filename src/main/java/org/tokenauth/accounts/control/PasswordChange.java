package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.problems.ApiProblem;

/** A user's own password change: the current password, the rules of registration, then every credential revoked. */
@ApplicationScoped
public class PasswordChange {

    @Inject
    AccountStore accounts;

    @Inject
    PasswordLogin passwordLogin;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordSettings settings;

    @Inject
    AccountChanges changes;

    public void change(String accountId, String currentPassword, String newPassword, String clientAddress) {
        Account account = accounts.byIdFromDatabase(accountId)
                .orElseThrow(() -> ApiProblem.unauthorized("The account of this credential no longer exists."));
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw ApiProblem.invalid("current_password", "is required");
        }
        AccountRules.passwordError(newPassword, account.username(), account.email(), settings.minLength())
                .ifPresent(message -> {
                    throw ApiProblem.invalid("new_password", message);
                });
        if (!passwordLogin.confirm(account, currentPassword, clientAddress)) {
            throw ApiProblem.invalid("current_password", "is not the current password");
        }
        changes.changePassword(account.id(), hasher.hash(newPassword));
    }
}
