package org.tokenauth.admin;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.tokenauth.accounts.boundary.UserView;
import org.tokenauth.accounts.control.AccountChanges;
import org.tokenauth.accounts.control.AccountStore;
import org.tokenauth.accounts.control.CurrentCaller;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.platform.Ids;
import org.tokenauth.problems.ApiProblem;
import org.tokenauth.problems.Problem.FieldError;

/** Users, for administrators: list, look at, disable and enable, and change groups. */
@Path("admin/users")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

    public record Page(List<UserView> items, long total) {
    }

    static final int MAX_LIMIT = 500;
    static final Set<String> PATCHABLE = Set.of("disabled", "groups");
    static final int MAX_GROUPS = 32;
    private static final Pattern GROUP = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    @Inject
    AccountStore accounts;

    @Inject
    AccountChanges changes;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @RolesAllowed("admin")
    public Page list(@QueryParam("offset") String offsetParam, @QueryParam("limit") String limitParam) {
        List<FieldError> errors = new ArrayList<>();
        int offset = parse(offsetParam, 0, 0, Integer.MAX_VALUE, "offset", errors);
        int limit = parse(limitParam, 50, 1, MAX_LIMIT, "limit", errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        List<UserView> items = accounts.page(offset, limit).stream().map(UserView::forAdministrators).toList();
        return new Page(items, accounts.count());
    }

    @GET
    @Path("{id}")
    @RolesAllowed("admin")
    public UserView get(@PathParam("id") String id) {
        return UserView.forAdministrators(find(id));
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed("admin")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public UserView patch(@PathParam("id") String id, JsonObject body) {
        // read as JSON-P, not bound: JSON-B would quietly turn 123 into "123" and "yes" into false
        Account account = find(id);
        if (body == null) {
            throw ApiProblem.invalid("body", "a JSON object with disabled and/or groups is required");
        }
        List<FieldError> errors = new ArrayList<>();
        // a field this endpoint does not know is a mistake the client must hear of, not something to ignore
        body.keySet().stream().filter(field -> !PATCHABLE.contains(field)).sorted()
                .forEach(field -> errors.add(new FieldError(field, "is not a field of a user that can be changed (disabled, groups)")));
        Boolean disabled = switch (body.getOrDefault("disabled", JsonValue.NULL).getValueType()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            default -> {
                errors.add(new FieldError("disabled", "must be true or false"));
                yield null;
            }
        };
        Set<String> groups = null;
        JsonValue groupsValue = body.getOrDefault("groups", JsonValue.NULL);
        if (groupsValue.getValueType() != JsonValue.ValueType.NULL) {
            if (groupsValue.getValueType() != JsonValue.ValueType.ARRAY
                    || groupsValue.asJsonArray().stream().anyMatch(v -> v.getValueType() != JsonValue.ValueType.STRING)) {
                errors.add(new FieldError("groups", "must be an array of group names (strings)"));
            } else {
                groups = validGroups(groupsValue.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        String self = currentCaller.require().accountId();
        if (account.id().equals(self) && (Boolean.TRUE.equals(disabled) || (groups != null && !groups.contains("admin")))) {
            throw new ApiProblem(409, "Administrators cannot disable themselves or drop their own admin group.");
        }
        return changes.update(account.id(), disabled, groups).map(UserView::forAdministrators).orElseThrow(ApiProblem::notFound);
    }

    private Account find(String id) {
        if (!Ids.wellFormed(id)) {
            throw ApiProblem.notFound();
        }
        return accounts.byId(id).orElseThrow(ApiProblem::notFound);
    }

    private static Set<String> validGroups(List<String> groups) {
        if (groups.size() > MAX_GROUPS || groups.stream().anyMatch(g -> g == null || !GROUP.matcher(g).matches())) {
            throw ApiProblem.invalid("groups", "must be at most " + MAX_GROUPS
                    + " names of lower-case letters, digits, _ . - (up to 64 characters each)");
        }
        return new LinkedHashSet<>(groups);
    }

    private static int parse(String value, int byDefault, int min, int max, String name, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return byDefault;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return byDefault;
    }
}
