package org.tokenauth.example.notes;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Reading needs {@value #READ}, writing {@value #WRITE}: the same {@code @RolesAllowed} for a JWT
 * (its {@code groups} claim) and for an API token (the {@code groups} of its introspection, which
 * token-auth has already narrowed to the token's scopes).
 *
 * <p>A CDI bean, not an EJB, and the caller is read from the JAX-RS {@link SecurityContext}: an
 * injected {@code JsonWebToken} would exist only for bearer callers.
 */
@Path("notes")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class NotesResource {

    public static final String READ = "notes.read";
    public static final String WRITE = "notes.write";

    @Inject
    Notes notes;

    @Context
    SecurityContext caller;

    @GET
    @RolesAllowed(READ)
    public JsonObject list() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        notes.all().forEach(note -> list.add(Json.createObjectBuilder().add("text", note.text()).add("author", note.author())));
        return Json.createObjectBuilder().add("caller", caller.getUserPrincipal().getName()).add("notes", list).build();
    }

    @POST
    @RolesAllowed(WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonObject body) {
        if (body == null || !(body.get("text") instanceof JsonString text)) {
            throw new BadRequestException("a note needs a text");
        }
        Notes.Note note = notes.add(text.getString(), caller.getUserPrincipal().getName());
        return Response.status(Response.Status.CREATED)
                .entity(Json.createObjectBuilder().add("text", note.text()).add("author", note.author()).build()).build();
    }
}
