package org.tokenauth.jwt.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.tokenauth.jwt.control.SigningKeys;

/** The public keys, for other services that verify this server's tokens. Cached by clients: see SecurityHeaders. */
@Path("auth/jwks")
@RequestScoped
@DenyAll
public class JwksResource {

    @Inject
    SigningKeys keys;

    @GET
    @PermitAll
    @Produces({MediaType.APPLICATION_JSON, "application/jwk-set+json"})
    public String jwks() {
        return keys.publicJwks();
    }
}
