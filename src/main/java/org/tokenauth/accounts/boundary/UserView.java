package org.tokenauth.accounts.boundary;

import java.time.Instant;
import java.util.List;
import org.tokenauth.accounts.entity.Account;

/** A user as the API shows it (registration, administration). */
public record UserView(String id, String username, String email, List<String> groups, Instant createdAt) {

    public static UserView of(Account account) {
        return new UserView(account.id(), account.username(), account.email(), account.groups(), account.createdAt());
    }
}
