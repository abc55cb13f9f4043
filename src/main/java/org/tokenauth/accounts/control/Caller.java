package org.tokenauth.accounts.control;

import java.time.Instant;
import java.util.List;

/**
 * Who is calling and with what: the account, its groups, and the credential used.
 *
 * @param method       {@code token} or {@code jwt}, as {@code /api/me} shows it
 * @param tokenId      the API token's id, for {@code token}
 * @param sessionId    the login session, for {@code jwt}
 * @param issuedAt     when the credential was made: what a new credential made with it is checked against
 * @param expiresAt    when the credential stops working, or null for never
 */
public record Caller(String accountId, String username, List<String> groups, String method,
                     String tokenId, String sessionId, Instant issuedAt, Instant expiresAt) {

    public static final String TOKEN = "token";
    public static final String JWT = "jwt";

    /**
     * The request attribute under which the mechanism leaves the caller it authenticated.
     */
    public static final String ATTRIBUTE = Caller.class.getName();

    public boolean viaJwt() {
        return JWT.equals(method);
    }

    /** What this caller proves when it asks for a new credential. */
    public Proof.Credential proof() {
        return new Proof.Credential(accountId, issuedAt);
    }
}
