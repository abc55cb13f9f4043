package org.tokenauth.security.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.tokenauth.accounts.control.Caller;
import org.tokenauth.accounts.control.CurrentCaller;
import org.tokenauth.apitokens.control.ApiTokenStore;
import org.tokenauth.audit.RevocationReason;
import org.tokenauth.jwt.control.LoginSessions;

/**
 * Ends what the presented credential belongs to: the login session of a JWT, or the API token itself.
 * Here, above both kinds of credential, because it must know which kind the request used.
 */
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
    // any credential may end itself, whatever its scopes (a token scoped to one service's group holds no
    // `user`): ending narrows, never widens. Anonymous callers get 401 from require().
    @PermitAll
    public Response logout() {
        Caller caller = currentCaller.require();
        if (caller.viaJwt()) {
            sessions.end(caller.accountId(), caller.sessionId(), RevocationReason.LOGOUT);
        } else {
            apiTokens.revoke(caller.accountId(), caller.tokenId(), RevocationReason.LOGOUT);
        }
        return Response.noContent().build();
    }
}
