package org.tokenauth.jwt.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.tokenauth.accounts.control.PasswordLogin;
import org.tokenauth.jwt.control.JwtIssuer;
import org.tokenauth.jwt.control.LoginSessions;
import org.tokenauth.jwt.control.RefreshLocks;
import org.tokenauth.problems.ApiProblem;
import org.tokenauth.problems.Problem.FieldError;

/** Login for a JWT pair, and refresh with rotation and reuse detection. */
@Path("auth/jwt")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JwtResource {

    public record LoginRequest(String username, String password) {
    }

    public record RefreshRequest(String refreshToken) {
    }

    @Inject
    PasswordLogin passwordLogin;

    @Context
    HttpServletRequest request;

    @Inject
    LoginSessions sessions;

    @Inject
    RefreshLocks refreshLocks;


    @Inject
    JwtIssuer issuer;

    @POST
    @PermitAll
    public TokenPair login(LoginRequest body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || body.username() == null || body.username().isEmpty()) {
            errors.add(new FieldError("username", "is required"));
        }
        if (body == null || body.password() == null || body.password().isEmpty()) {
            errors.add(new FieldError("password", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        LoginSessions.Refreshed started = sessions.start(passwordLogin.authenticate(body.username(), body.password(),
                request.getRemoteAddr()));
        return TokenPair.of(issuer.issue(started.account(), started.session().id()), started);
    }

    @POST
    @Path("refresh")
    @PermitAll
    public TokenPair refresh(RefreshRequest body) {
        if (body == null || body.refreshToken() == null || body.refreshToken().isEmpty()) {
            throw ApiProblem.invalid("refresh_token", "is required");
        }
        LoginSessions.Outcome outcome = refreshLocks.refresh(body.refreshToken());
        if (outcome instanceof LoginSessions.Outcome.Rotated rotated) {
            LoginSessions.Refreshed next = rotated.refreshed();
            return TokenPair.of(issuer.issue(next.account(), next.session().id()), next);
        }
        if (outcome instanceof LoginSessions.Outcome.Reused) {
            throw ApiProblem.unauthorized("This refresh token was already used; its login session has been ended.");
        }
        if (outcome instanceof LoginSessions.Outcome.Ended) {
            throw ApiProblem.unauthorized("The login session of this refresh token has ended; log in again.");
        }
        throw ApiProblem.unauthorized("The refresh token is unknown, expired or revoked.");
    }
}
