package org.tokenauth.jwt.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.tokenauth.apitokens.control.ApiTokenStore;
import org.tokenauth.jwt.control.LoginSessions;
import org.tokenauth.security.Caller;
import org.tokenauth.security.CurrentCaller;

/** Ends what the presented credential belongs to: the login session of a JWT, or the API token itself. */
@Path("auth/logout")
@RequestScoped
@DenyAll
public class LogoutResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    LoginSessions sessions;

    @Inject
    ApiTokenStore apiTokens;

    @POST
    @RolesAllowed("user")
    public Response logout() {
        Caller caller = currentCaller.require();
        if (caller.viaJwt()) {
            sessions.end(caller.accountId(), caller.sessionId(), LoginSessions.ENDED_BY_LOGOUT);
        } else {
            apiTokens.revoke(caller.accountId(), caller.tokenId());
        }
        return Response.noContent().build();
    }
}
