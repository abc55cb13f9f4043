package org.tokenauth.accounts.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tokenauth.accounts.control.AccountStore;
import org.tokenauth.accounts.control.PasswordChange;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.problems.ApiProblem;
import org.tokenauth.security.Caller;
import org.tokenauth.security.CurrentCaller;

@Path("me")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    /** {@code auth} is a map because its keys depend on the credential: token_id or session_id. */
    public record MeView(String id, String username, String email, List<String> groups, Instant createdAt,
                         Map<String, Object> auth) {
    }

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AccountStore accounts;

    @Inject
    PasswordChange passwordChange;

    @Context
    HttpServletRequest http;

    public record PasswordRequest(String currentPassword, String newPassword) {
    }

    @PUT
    @Path("password")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordRequest body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "a JSON object with current_password and new_password is required");
        }
        passwordChange.change(currentCaller.require().accountId(), body.currentPassword(), body.newPassword(),
                http.getRemoteAddr());
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed("user")
    public MeView me() {
        Caller caller = currentCaller.require();
        Account account = accounts.byId(caller.accountId())
                .orElseThrow(() -> ApiProblem.unauthorized("The account of this credential no longer exists."));
        return new MeView(account.id(), account.username(), account.email(), account.groups(), account.createdAt(),
                auth(caller));
    }

    static Map<String, Object> auth(Caller caller) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("method", caller.method());
        auth.put("expires_at", caller.expiresAt());
        if (caller.viaJwt()) {
            auth.put("session_id", caller.sessionId());
        } else {
            auth.put("token_id", caller.tokenId());
        }
        return auth;
    }
}
