package org.tokenauth.apitokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertInvalid;
import static org.tokenauth.support.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.TestServers;

/**
 * Issue 15: API tokens that can do less than their owner. A scope is one of the owner's groups, or
 * {@code tokens:manage}, {@code account:manage}, {@code tokens:introspect} (administrators only); a
 * token's roles are its scopes and its owner's groups of now; a token never holds more than its owner
 * nor than the token that made it.
 */
class ScopedTokensIT {

    final Api api = TestServers.shared().api();

    private static JsonObject scopes(String... scopes) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String scope : scopes) {
            list.add(scope);
        }
        return Json.createObjectBuilder().add("scopes", list).build();
    }

    private static JsonObject withPassword(String name, String... scopes) {
        return Json.createObjectBuilder(scopes(scopes)).add("username", name).add("password", Api.PASSWORD).build();
    }

    @Test
    void aTokenCannotHoldMoreThanItsOwner() {
        String name = Api.uniqueName("scoped-owner");
        api.register(name);
        assertInvalid(api.tokens().create(withPassword(name, "admin")), "scopes");
        assertInvalid(api.tokens().create(withPassword(name, "tokens:introspect")), "scopes");
        assertInvalid(api.tokens().create(withPassword(name, "flibble")), "scopes");
        assertInvalid(api.tokens().create(withPassword(name, "user", "Not A Scope!")), "scopes");
        Reply made = api.tokens().create(withPassword(name, "user"));
        assertEquals(201, made.status(), made.toString());
        assertEquals(List.of("user"), Api.strings(made.json().getJsonArray("scopes")));
        Reply unscoped = api.tokens().tryCreate(name, Api.PASSWORD);
        assertEquals(JsonValue.NULL, unscoped.json().get("scopes"), "made without scopes: all of its owner's rights");
    }

    @Test
    void aTokenCannotHoldMoreThanTheTokenThatMadeIt() {
        String name = Api.uniqueName("scoped-parent");
        api.register(name);
        String parent = api.tokens().create(withPassword(name, "user", "tokens:manage")).json().getString("token");

        Reply narrower = api.tokens().create(scopes("user"), Api.token(parent));
        assertEquals(201, narrower.status(), narrower.toString());
        assertEquals(List.of("user"), Api.strings(narrower.json().getJsonArray("scopes")));

        assertInvalid(api.tokens().create(scopes("user", "account:manage"), Api.token(parent)), "scopes");

        Reply inherited = api.tokens().createWithoutBody(Api.token(parent));
        assertEquals(201, inherited.status(), inherited.toString());
        assertEquals(List.of("tokens:manage", "user"), Api.strings(inherited.json().getJsonArray("scopes")),
                "without scopes of its own, a child gets its parent's");

        String readOnly = narrower.json().getString("token");
        assertProblem(api.tokens().createWithoutBody(Api.token(readOnly)), 403, "a token without tokens:manage makes no token");
    }

    @Test
    void aReadOnlyTokenCanNeitherChangeThePasswordNorManageTokens() {
        String name = Api.uniqueName("read-only");
        api.register(name);
        String readOnly = api.tokens().create(withPassword(name, "user")).json().getString("token");
        String[] credential = Api.token(readOnly);

        Reply me = api.accounts().me(credential);
        assertEquals(200, me.status(), me.toString());
        assertEquals(List.of("user"), Api.strings(me.json().getJsonObject("auth").getJsonArray("roles")));
        assertEquals(List.of("user"), Api.strings(me.json().getJsonObject("auth").getJsonArray("scopes")));

        assertProblem(api.accounts().changePassword(Api.PASSWORD, "another long passphrase 2026", credential), 403, "password change");
        assertProblem(api.tokens().createWithoutBody(credential), 403, "token creation");
        assertProblem(api.tokens().list(credential), 403, "token list");
        assertProblem(api.tokens().revokeAll(credential), 403, "revoking all tokens");
        // the password is unchanged, and the token still works for reading
        assertEquals(200, api.jwt().tryLogin(name, Api.PASSWORD).status());
        assertEquals(204, api.jwt().logout(credential).status(), "a token can always end itself");
        assertProblem(api.accounts().me(credential), 401);
    }

    @Test
    void aTokenWithoutTheUserGroupCanStillEndItself() {
        String name = Api.uniqueName("no-user-group");
        api.register(name);
        String narrow = api.tokens().create(withPassword(name, "account:manage")).json().getString("token");
        String[] credential = Api.token(narrow);
        assertProblem(api.accounts().me(credential), 403, "no group user among its scopes");
        assertEquals(204, api.jwt().logout(credential).status(), "ending itself needs no group");
        assertProblem(api.accounts().me(credential), 401, "ended");
        assertProblem(api.jwt().logout(credential), 401, "and cannot end itself twice");
    }

    @Test
    void demotingTheOwnerNarrowsItsScopedTokenAtOnce() {
        String[] root = api.admin().asAdministrator();
        String name = Api.uniqueName("scoped-admin");
        String id = api.register(name).getString("id");
        assertEquals(200, api.admin().setGroups(id, List.of("admin"), root).status());
        String adminScoped = api.tokens().create(withPassword(name, "admin", "user")).json().getString("token");
        assertEquals(200, api.admin().users(null, null, Api.token(adminScoped)).status(), "control: admin while the owner is");

        assertEquals(200, api.admin().setGroups(id, List.of(), root).status());
        assertProblem(api.admin().users(null, null, Api.token(adminScoped)), 403, "after the owner's demotion");
        Reply me = api.accounts().me(Api.token(adminScoped));
        assertEquals(List.of("user"), Api.strings(me.json().getJsonObject("auth").getJsonArray("roles")));

        // promoted again, the token has admin again: its scopes never changed, only the owner's groups
        assertEquals(200, api.admin().setGroups(id, List.of("admin"), root).status());
        assertEquals(200, api.admin().users(null, null, Api.token(adminScoped)).status());
    }

    @Test
    void theListShowsEachTokensScopes() {
        String name = Api.uniqueName("scoped-list");
        api.register(name);
        api.tokens().create(withPassword(name, "user"));
        String full = api.tokens().tryCreate(name, Api.PASSWORD).json().getString("token");
        List<JsonObject> listed = api.tokens().list(Api.token(full)).jsonArray().getValuesAs(JsonObject.class);
        assertEquals(2, listed.size());
        assertEquals(JsonValue.NULL, listed.get(0).get("scopes"), "newest first: made without scopes");
        assertEquals(List.of("user"), Api.strings(listed.get(1).getJsonArray("scopes")));
        assertTrue(listed.stream().noneMatch(t -> t.containsKey("token")));
    }
}
