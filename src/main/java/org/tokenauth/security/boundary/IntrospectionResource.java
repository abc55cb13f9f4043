package org.tokenauth.security.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.tokenauth.accounts.control.Caller;
import org.tokenauth.accounts.control.CurrentCaller;
import org.tokenauth.accounts.control.LoginThrottle;
import org.tokenauth.accounts.control.Scopes;
import org.tokenauth.audit.SecurityEvents;
import org.tokenauth.problems.ApiProblem;
import org.tokenauth.security.control.Introspection;

/**
 * OAuth 2.0 Token Introspection (RFC 7662), for the services that accept this server's credentials:
 * {@code POST /api/auth/introspect} with {@code token=…} (form-encoded, as the RFC says, or JSON). The
 * caller is a service, authenticated with a credential that holds {@value Scopes#TOKENS_INTROSPECT}:
 * anonymous 401, without the scope 403. Its inactive answers are throttled like failed logins, per
 * calling credential, so that it cannot be used to guess tokens; each answer is audited.
 */
@Path("auth/introspect")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class IntrospectionResource {

    /** JSON alternative to the form. */
    public record IntrospectionRequest(String token, String tokenTypeHint) {
    }

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Introspection introspection;

    @Inject
    LoginThrottle throttle;

    @Inject
    SecurityEvents events;

    /** Open to every credential so that the scope can be checked here (roles know no scopes). */
    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Map<String, Object> introspectForm(String body) {
        return introspect(formFields(body).get("token"));
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> introspectJson(IntrospectionRequest body) {
        return introspect(body == null ? null : body.token());
    }

    /**
     * The fields of a form-encoded body, read from the body itself rather than through {@code @FormParam}:
     * Open Liberty takes form fields from the servlet request's parameters, which are empty once the
     * body limit has read the body, so every token looked inactive there. A field given twice is a 400
     * (RFC 6749 §3.2, which RFC 7662 builds on).
     */
    static Map<String, String> formFields(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body == null ? new String[0] : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (fields.putIfAbsent(name, value) != null) {
                    throw new ApiProblem(400, "The field " + name + " is given more than once.");
                }
            } catch (IllegalArgumentException malformed) {
                throw new ApiProblem(400, "The form-encoded body is malformed.");
            }
        }
        return fields;
    }

    /** The hint is optional and may be wrong (RFC 7662 §2.1): every kind is tried anyway. */
    private Map<String, Object> introspect(String token) {
        Caller caller = currentCaller.require();
        caller.require(Scopes.TOKENS_INTROSPECT);
        LoginThrottle.Attempt attempt = throttle.introspection(caller.tokenId() != null ? caller.tokenId() : caller.accountId());
        Map<String, Object> answer = introspection.inspect(token);
        boolean active = Boolean.TRUE.equals(answer.get("active"));
        if (active) {
            attempt.succeeded();
        } else {
            attempt.failed();
        }
        events.introspected(caller.accountId(), caller.tokenId(), active);
        return answer;
    }
}
