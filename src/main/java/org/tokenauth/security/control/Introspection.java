package org.tokenauth.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tokenauth.accounts.control.Scopes;
import org.tokenauth.apitokens.control.ApiTokenStore;
import org.tokenauth.jwt.control.JwtPrincipal;
import org.tokenauth.jwt.control.JwtVerifier;
import org.tokenauth.jwt.control.RevocationState;
import org.tokenauth.platform.OpaqueSecrets;

/**
 * Whether a credential is live, for another service (RFC 7662): the same checks as the
 * authentication of a request, through the same memory and revocation state, and no more reads. An
 * API token is not used by being inspected ({@code last_used_at} stays). A refresh token is never a
 * credential, so it is never active here either; nor is anything unknown, expired, revoked,
 * malformed, or of a disabled user, and the answer never says which.
 */
@ApplicationScoped
public class Introspection {

    @Inject
    ApiTokenStore apiTokens;

    @Inject
    JwtVerifier jwtVerifier;

    @Inject
    RevocationState revocation;

    /** The fields of the answer, in RFC 7662's names; exactly {@code {"active": false}} when not active. */
    public Map<String, Object> inspect(String token) {
        Optional<Map<String, Object>> active = token == null || token.isEmpty() ? Optional.empty()
                : token.startsWith(OpaqueSecrets.API_TOKEN) ? apiToken(token) : accessToken(token);
        return active.orElseGet(() -> Map.of("active", false));
    }

    private Optional<Map<String, Object>> apiToken(String secret) {
        if (!OpaqueSecrets.wellFormed(secret, OpaqueSecrets.API_TOKEN)) {
            return Optional.empty();
        }
        return apiTokens.inspect(secret).map(token -> {
            Map<String, Object> answer = active(token.accountId(), token.username(),
                    Scopes.shown(token.groups(), token.scopes()).stream().sorted().toList(),
                    Scopes.roles(token.groups(), token.scopes()), token.createdAt(), token.expiresAt(), "api_token");
            return answer;
        });
    }

    private Optional<Map<String, Object>> accessToken(String jwt) {
        Instant now = Instant.now();
        JwtVerifier.Verification verification = jwtVerifier.verify(jwt, now);
        if (!verification.verified()) {
            return Optional.empty();
        }
        JwtPrincipal principal = verification.principal();
        if (revocation.refuses(principal.getSubject(), principal.sessionId(), principal.getIssuedAtTime())) {
            return Optional.empty();
        }
        List<String> groups = revocation.effectiveGroups(principal.getSubject(), principal.getGroups());
        return Optional.of(active(principal.getSubject(), principal.getName(),
                Scopes.shown(groups, Optional.empty()).stream().sorted().toList(), groups,
                Instant.ofEpochSecond(principal.getIssuedAtTime()), Instant.ofEpochSecond(principal.getExpirationTime()),
                "access_token"));
    }

    private static Map<String, Object> active(String subject, String username, List<String> scopes, List<String> groups,
                                              Instant issuedAt, Instant expiresAt, String type) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("sub", subject);
        answer.put("username", username);
        answer.put("scope", String.join(" ", scopes));
        answer.put("groups", groups);
        if (expiresAt != null) {
            answer.put("exp", expiresAt.getEpochSecond());
        }
        answer.put("iat", issuedAt.getEpochSecond());
        answer.put("token_type", type);
        return answer;
    }
}
