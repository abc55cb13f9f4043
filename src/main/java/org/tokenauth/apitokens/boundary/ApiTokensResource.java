package org.tokenauth.apitokens.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tokenauth.accounts.control.Caller;
import org.tokenauth.accounts.control.CurrentCaller;
import org.tokenauth.accounts.control.PasswordLogin;
import org.tokenauth.accounts.control.Proof;
import org.tokenauth.accounts.control.Scopes;
import org.tokenauth.apitokens.control.ApiTokenStore;
import org.tokenauth.apitokens.entity.ApiToken;
import org.tokenauth.audit.RevocationReason;
import org.tokenauth.platform.Ids;
import org.tokenauth.platform.Times;
import org.tokenauth.problems.ApiProblem;
import org.tokenauth.problems.Problem.FieldError;

@Path("auth/tokens")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class ApiTokensResource {

    public record CreateRequest(String username, String password, String name, Long expiresIn, List<String> scopes) {
    }

    /** {@code scopes} null: made without scopes, with all of its owner's rights. */
    public record IssuedView(String id, String token, String tokenType, String name, String prefix,
                             Instant createdAt, Instant expiresAt, List<String> scopes) {
    }

    public record TokenView(String id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                            List<String> scopes) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.prefix(), Times.seconds(t.createdAt()), Times.seconds(t.lastUsedAt()),
                    Times.seconds(t.expiresAt()), sorted(t.scopes()));
        }
    }

    static final int NAME_MAX = 64;
    static final int SCOPES_MAX = 40;
    private static final Pattern SCOPE = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");
    static final long EXPIRES_IN_MAX = 10L * 366 * 24 * 3600;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    PasswordLogin passwordLogin;

    @Context
    HttpServletRequest http;

    @Inject
    ApiTokenStore tokens;

    /** By a valid {@code Authorization} header, or else by username and password in the body. */
    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateRequest body) {
        CreateRequest request = body == null ? new CreateRequest(null, null, null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        Optional<Caller> caller = currentCaller.get();
        if (caller.isEmpty()) {
            if (request.username() == null || request.username().isEmpty()) {
                errors.add(new FieldError("username", "is required without an Authorization header"));
            }
            if (request.password() == null || request.password().isEmpty()) {
                errors.add(new FieldError("password", "is required without an Authorization header"));
            }
        }
        if (request.name() != null && (request.name().codePointCount(0, request.name().length()) > NAME_MAX
                || request.name().chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("name", "must be at most " + NAME_MAX + " characters, without control characters"));
        }
        if (request.expiresIn() != null && (request.expiresIn() < 1 || request.expiresIn() > EXPIRES_IN_MAX)) {
            errors.add(new FieldError("expires_in", "must be between 1 and " + EXPIRES_IN_MAX + " seconds, or null for never"));
        }
        if (request.scopes() != null && (request.scopes().size() > SCOPES_MAX
                || request.scopes().stream().anyMatch(s -> s == null || !SCOPE.matcher(s).matches()))) {
            errors.add(new FieldError("scopes", "must be at most " + SCOPES_MAX + " group names or scopes ("
                    + Scopes.TOKENS_MANAGE + ", " + Scopes.ACCOUNT_MANAGE + ", " + Scopes.TOKENS_INTROSPECT + ")"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Set<String> scopes = request.scopes() == null ? null : new TreeSet<>(request.scopes());
        Proof proof;
        if (caller.isPresent()) {
            caller.get().require(Scopes.TOKENS_MANAGE);
            scopes = withinParent(caller.get(), scopes);
            proof = caller.get().proof();
        } else {
            proof = passwordLogin.authenticate(request.username(), request.password(), http.getRemoteAddr());
        }
        ApiTokenStore.Issued issued = tokens.create(proof, request.name(), request.expiresIn(), scopes);
        ApiToken t = issued.token();
        return Response.status(Response.Status.CREATED)
                .entity(new IssuedView(t.id(), issued.secret(), "Token", t.name(), t.prefix(),
                        Times.seconds(t.createdAt()), Times.seconds(t.expiresAt()), sorted(t.scopes())))
                .build();
    }

    /**
     * A token made with a scoped token never holds more than it: without scopes of its own it gets the
     * parent's, and any scope the parent lacks is refused (400).
     */
    private static Set<String> withinParent(Caller parent, Set<String> requested) {
        if (!parent.scoped()) {
            return requested;
        }
        if (requested == null) {
            return new TreeSet<>(parent.scopes());
        }
        List<FieldError> beyond = requested.stream().filter(s -> !parent.scopes().contains(s))
                .map(s -> new FieldError("scopes", s + " is more than the token that makes this one holds")).toList();
        if (!beyond.isEmpty()) {
            throw ApiProblem.invalid(beyond);
        }
        return requested;
    }

    private static List<String> sorted(Optional<Set<String>> scopes) {
        return scopes.map(s -> s.stream().sorted().toList()).orElse(null);
    }

    @GET
    @RolesAllowed("user")
    public List<TokenView> list() {
        Caller caller = currentCaller.require();
        caller.require(Scopes.TOKENS_MANAGE);
        return tokens.ofAccount(caller.accountId()).stream().map(TokenView::of).toList();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("user")
    public Response revoke(@PathParam("id") String id) {
        Caller caller = currentCaller.require();
        caller.require(Scopes.TOKENS_MANAGE);
        if (!Ids.wellFormed(id) || !tokens.revoke(caller.accountId(), id, RevocationReason.REVOKED)) {
            throw ApiProblem.notFound();
        }
        return Response.noContent().build();
    }

    @DELETE
    @RolesAllowed("user")
    public Response revokeAll() {
        Caller caller = currentCaller.require();
        caller.require(Scopes.TOKENS_MANAGE);
        tokens.revokeAll(caller.accountId(), RevocationReason.REVOKED_ALL);
        return Response.noContent().build();
    }

}
