package org.tokenauth.accounts.control;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.tokenauth.problems.ApiProblem;

/**
 * Who is calling and with what: the account, its groups, and the credential used.
 *
 * @param method       {@code token} or {@code jwt}, as {@code /api/me} shows it
 * @param tokenId      the API token's id, for {@code token}
 * @param sessionId    the login session, for {@code jwt}
 * @param groups       the roles of the request: the account's groups, narrowed to the credential's scopes
 * @param issuedAt     when the credential was made: what a new credential made with it is checked against
 * @param expiresAt    when the credential stops working, or null for never
 * @param scopes       all the credential may do: its roles and our scopes ({@link Scopes})
 * @param scoped       whether the credential was made with scopes (else it has all of its owner's rights)
 */
public record Caller(String accountId, String username, List<String> groups, String method,
                     String tokenId, String sessionId, Instant issuedAt, Instant expiresAt, Set<String> scopes,
                     boolean scoped) {

    public static final String TOKEN = "token";
    public static final String JWT = "jwt";

    /**
     * The request attribute under which the mechanism leaves the caller it authenticated.
     */
    public static final String ATTRIBUTE = Caller.class.getName();

    public boolean viaJwt() {
        return JWT.equals(method);
    }

    /** 403 unless the credential holds this scope of ours. */
    public void require(String scope) {
        if (!scopes.contains(scope)) {
            throw new ApiProblem(403, "This credential does not hold the scope " + scope + ".");
        }
    }

    /** What this caller proves when it asks for a new credential. */
    public Proof.Credential proof() {
        return new Proof.Credential(accountId, issuedAt);
    }
}
