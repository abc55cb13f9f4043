package org.tokenauth.jwt.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.tokenauth.platform.JsonP;

/**
 * Verifies access tokens with the rules of MicroProfile JWT 2.1, against the keys this server holds
 * ({@link SigningKeys}), so that the whole request path is the same on every server and a token just
 * signed verifies at once: RS256 only, a {@code kid} naming a published key, a valid signature,
 * {@code iss} equal to the configured issuer, {@code exp} and {@code iat} present and within the clock
 * skew, {@code nbf} if present, {@code aud} when one is configured, and what this application needs
 * besides: {@code sub}, {@code jti}, a string {@code sid}, {@code groups} as strings, and an
 * {@code iat} no later than the retirement of the key that signed it (a retired key never signs
 * again, so a later token was not signed by us). Revocation is not checked here: see
 * {@link RevocationState}.
 */
@ApplicationScoped
public class JwtVerifier {

    /** A verified token, or why it is refused (a detail for the 401, never a secret). */
    public record Verification(JwtPrincipal principal, String refusal) {
        static Verification refused(String why) {
            return new Verification(null, why);
        }

        public boolean verified() {
            return principal != null;
        }
    }

    public static final String NOT_A_JWT = "The bearer token is not a JWT.";
    public static final String INVALID = "The bearer token is invalid or expired.";

    /** Longer than any token we sign (about 1 KB), short enough to refuse a flood unparsed. */
    static final int MAX_LENGTH = 16 * 1024;

    @Inject
    SigningKeys keys;

    @Inject
    JwtSettings settings;

    public Verification verify(String compact, Instant now) {
        if (compact == null || compact.isEmpty() || compact.length() > MAX_LENGTH) {
            return Verification.refused(NOT_A_JWT);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(compact);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return Verification.refused(NOT_A_JWT);
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || header.getCriticalParams() != null) {
            return Verification.refused(INVALID);
        }
        Optional<SigningKeys.VerificationKey> key = keys.verificationKey(header.getKeyID());
        if (key.isEmpty() || !signatureValid(jwt, key.get())) {
            return Verification.refused(INVALID);
        }
        return claimsValid(claims, key.get(), now) ? new Verification(principal(compact, claims), null) : Verification.refused(INVALID);
    }

    private static boolean signatureValid(SignedJWT jwt, SigningKeys.VerificationKey key) {
        try {
            return jwt.verify(key.verifier());
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    private boolean claimsValid(JWTClaimsSet claims, SigningKeys.VerificationKey key, Instant now) {
        long skew = settings.clockSkewSeconds();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || iat == null || !settings.issuer().equals(claims.getIssuer())) {
            return false;
        }
        long nowSeconds = now.getEpochSecond();
        long issuedAt = iat.toInstant().getEpochSecond();
        if (exp.toInstant().getEpochSecond() + skew <= nowSeconds || issuedAt - skew > nowSeconds
                || (nbf != null && nbf.toInstant().getEpochSecond() - skew > nowSeconds)) {
            return false;
        }
        if (!key.couldHaveSigned(issuedAt)) {
            return false;
        }
        if (settings.audience().isPresent() && (claims.getAudience() == null || !claims.getAudience().contains(settings.audience().get()))) {
            return false;
        }
        Object groups = claims.getClaim(Claims.groups.name());
        if (groups != null && !(groups instanceof List<?> list && list.stream().allMatch(g -> g instanceof String))) {
            return false;
        }
        return claims.getSubject() != null && claims.getJWTID() != null && claims.getClaim("sid") instanceof String;
    }

    /** The claims in the types MicroProfile JWT gives them (see {@link JwtPrincipal}). */
    private static JwtPrincipal principal(String compact, JWTClaimsSet claims) {
        Map<String, Object> converted = new HashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value != null) {
                converted.put(name, converted(name, value));
            }
        });
        converted.put(Claims.raw_token.name(), compact);
        String name = claims.getClaim(Claims.upn.name()) instanceof String upn ? upn
                : claims.getClaim(Claims.preferred_username.name()) instanceof String preferred ? preferred : claims.getSubject();
        return new JwtPrincipal(name, converted);
    }

    private static Object converted(String name, Object value) {
        Claims standard = standard(name);
        if (standard != null) {
            Class<?> type = standard.getType();
            if (type == String.class) {
                return String.valueOf(value);
            }
            if (type == Long.class) {
                return value instanceof Date date ? date.toInstant().getEpochSecond() : ((Number) value).longValue();
            }
            if (type == Boolean.class && value instanceof Boolean b) {
                return b;
            }
            if (type == Set.class) {
                Set<String> set = new LinkedHashSet<>();
                if (value instanceof Collection<?> values) {
                    values.forEach(v -> set.add(String.valueOf(v)));
                } else {
                    set.add(String.valueOf(value));
                }
                return Set.copyOf(set);
            }
        }
        return jsonValue(value);
    }

    private static Claims standard(String name) {
        try {
            return Claims.valueOf(name);
        } catch (IllegalArgumentException notStandard) {
            return null;
        }
    }

    private static JsonValue jsonValue(Object value) {
        if (value instanceof Date date) {
            return JsonP.PROVIDER.createValue(date.toInstant().getEpochSecond());
        }
        // through a one-entry object, which JSON-P builds from maps, lists, strings, numbers and booleans
        return JsonP.PROVIDER.createObjectBuilder(Map.of("v", value)).build().get("v");
    }
}
