package org.tokenauth.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tokenauth.problems.ApiProblem;

/** The authenticated caller of this request, whichever credential it used. */
@RequestScoped
public class CurrentCaller {

    @Inject
    HttpServletRequest request;

    public Optional<Caller> get() {
        if (request.getAttribute(Caller.ATTRIBUTE) instanceof Caller caller) {
            return Optional.of(caller);
        }
        Principal principal = request.getUserPrincipal();
        if (principal instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return Optional.of(of(jwt));
        }
        return Optional.empty();
    }

    /** The caller of a verified access token. */
    static Caller of(JsonWebToken jwt) {
        List<String> groups = jwt.getGroups() == null ? List.of() : List.copyOf(jwt.getGroups());
        Object sidClaim = jwt.getClaim("sid");
        String sid = sidClaim == null ? null : claimText(sidClaim);
        return new Caller(jwt.getSubject(), jwt.getName(), groups, Caller.JWT, null, sid,
                jwt.getExpirationTime() > 0 ? Instant.ofEpochSecond(jwt.getExpirationTime()) : null);
    }

    public Caller require() {
        return get().orElseThrow(() -> ApiProblem.unauthorized("A valid credential is required."));
    }

    private static String claimText(Object value) {
        // Payara hands claims out as JSON-P values; a JsonString prints with its quotes
        return value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
    }
}
