package org.tokenauth.accounts.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.tokenauth.accounts.control.AccountStore;
import org.tokenauth.accounts.control.Caller;
import org.tokenauth.accounts.control.CurrentCaller;
import org.tokenauth.accounts.control.PasswordChange;
import org.tokenauth.accounts.control.Scopes;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.problems.ApiProblem;

@Path("me")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    public record PasswordRequest(String currentPassword, String newPassword) {
    }

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AccountStore accounts;

    @Inject
    PasswordChange passwordChange;

    @Context
    HttpServletRequest http;

    @PUT
    @Path("password")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordRequest body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "a JSON object with current_password and new_password is required");
        }
        Caller caller = currentCaller.require();
        caller.require(Scopes.ACCOUNT_MANAGE);
        passwordChange.change(caller.accountId(), body.currentPassword(), body.newPassword(), http.getRemoteAddr());
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed("user")
    public UserView me() {
        Caller caller = currentCaller.require();
        Account account = accounts.byId(caller.accountId())
                .orElseThrow(() -> ApiProblem.unauthorized("The account of this credential no longer exists."));
        return UserView.forCaller(account, caller);
    }
}
