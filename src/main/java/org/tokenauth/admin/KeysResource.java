package org.tokenauth.admin;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.tokenauth.jwt.control.SigningKeys;

@Path("admin/keys")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    @Inject
    SigningKeys keys;

    /** 204; the key is gone at once: every token it signed is refused. The current key: 409. */
    @DELETE
    @Path("{kid}")
    @RolesAllowed("admin")
    public Response remove(@PathParam("kid") String kid) {
        keys.remove(kid);
        return Response.noContent().build();
    }

    @POST
    @Path("rotate")
    @RolesAllowed("admin")
    public Response rotate() {
        String kid = keys.rotate();
        return Response.status(Response.Status.CREATED)
                .entity(Json.createObjectBuilder().add("kid", kid).build().toString()).build();
    }
}
