package org.tokenauth.jwt.control;

import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified access token as MicroProfile JWT presents one: the caller principal of a request made
 * with it, whatever server runs the application. The claims are held in the types MicroProfile JWT
 * 2.1 gives them: strings for {@code iss}, {@code sub}, {@code jti}, {@code upn}; {@code Long} for the
 * times; {@code Set<String>} for {@code aud} and {@code groups}; JSON-P values for the rest.
 */
public final class JwtPrincipal implements JsonWebToken {

    private final String name;
    private final Map<String, Object> claims;

    JwtPrincipal(String name, Map<String, Object> claims) {
        this.name = name;
        this.claims = Map.copyOf(claims);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }

    /** The {@code sid} claim: the login session this token belongs to. */
    public String sessionId() {
        return getClaim("sid") instanceof JsonValue v && v.getValueType() == JsonValue.ValueType.STRING
                ? ((jakarta.json.JsonString) v).getString() : null;
    }

    @Override
    public String toString() {
        return "JwtPrincipal[" + name + ", jti " + getClaim(Claims.jti.name()) + "]";
    }
}
