package org.tokenauth.security.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.tokenauth.accounts.control.Caller;
import org.tokenauth.accounts.control.CurrentCaller;
import org.tokenauth.accounts.control.LoginThrottle;
import org.tokenauth.accounts.control.Scopes;
import org.tokenauth.audit.SecurityEvents;
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
    public Map<String, Object> introspectForm(@FormParam("token") String token, @FormParam("token_type_hint") String hint) {
        return introspect(token);
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> introspectJson(IntrospectionRequest body) {
        return introspect(body == null ? null : body.token());
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
