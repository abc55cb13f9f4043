package org.tokenauth.accounts.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tokenauth.accounts.control.Caller;
import org.tokenauth.accounts.entity.Account;

/**
 * A user as the API shows it, in one shape for its three audiences: anyone (registration), the user
 * itself ({@code /api/me}, with {@code auth}: the credential of the request) and administrators
 * (with {@code disabled}). A field an audience does not see is left out, not written as null.
 */
public record UserView(String id, String username, String email, List<String> groups, Instant createdAt,
                       @JsonbNillable(false) Boolean disabled, @JsonbNillable(false) Map<String, Object> auth) {

    public static UserView of(Account account) {
        return new UserView(account.id(), account.username(), account.email(), account.groups(), account.createdAt(), null, null);
    }

    public static UserView forAdministrators(Account account) {
        return new UserView(account.id(), account.username(), account.email(), account.groups(), account.createdAt(),
                account.disabled(), null);
    }

    /** {@code auth} is a map because its keys depend on the credential: token_id or session_id. */
    public static UserView forCaller(Account account, Caller caller) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("method", caller.method());
        auth.put("expires_at", caller.expiresAt());
        // what this request may do: the roles of the account that the credential carries, and all it may do
        auth.put("roles", caller.groups());
        auth.put("scopes", caller.scopes().stream().sorted().toList());
        if (caller.viaJwt()) {
            auth.put("session_id", caller.sessionId());
        } else {
            auth.put("token_id", caller.tokenId());
        }
        return new UserView(account.id(), account.username(), account.email(), account.groups(), account.createdAt(),
                null, auth);
    }
}
