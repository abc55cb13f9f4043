package org.tokenauth.accounts.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.tokenauth.accounts.control.Registration;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.problems.ApiProblem;

@Path("auth/register")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    public record RegisterRequest(String username, String email, String password) {
    }

    @Inject
    Registration registration;

    @POST
    @PermitAll
    public Response register(RegisterRequest body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "a JSON object with username, email and password is required");
        }
        Account account = registration.register(body.username(), body.email(), body.password(), Set.of());
        return Response.status(Response.Status.CREATED).entity(UserView.of(account)).build();
    }
}
