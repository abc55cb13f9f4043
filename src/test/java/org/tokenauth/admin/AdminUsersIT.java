package org.tokenauth.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertProblem;
import static org.tokenauth.support.Problems.errorFields;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.Jwts;
import org.tokenauth.support.TestServers;

/**
 * {@code /api/admin/users} from the outside: only administrators get in; they list users page by
 * page, look at one, disable and enable accounts (which ends every credential at once) and change
 * groups (which reaches credentials already in use); bad input is a 400 or 404 problem, and an
 * administrator cannot lock themselves out.
 */
class AdminUsersIT {

    final Api api = TestServers.shared(TestServers.WITH_ALLOWED_ORIGIN).api();

    @Test
    void nonAdministratorsAreForbidden() {
        String name = Api.uniqueName("plain");
        JsonObject user = api.register(name);
        String id = user.getString("id");
        String apiToken = api.createToken(name, Api.PASSWORD).getString("token");
        String jwt = api.jwt().login(name, Api.PASSWORD).getString("access_token");
        for (String[] credential : List.of(Api.token(apiToken), Api.bearer(jwt))) {
            String kind = credential[1].split(" ")[0];
            assertProblem(api.admin().users(null, null, credential), 403, kind + " list");
            assertProblem(api.admin().users("0", "10", credential), 403, kind + " list paged");
            assertProblem(api.admin().user(id, credential), 403, kind + " get");
            assertProblem(api.admin().setGroups(id, List.of("admin"), credential), 403, kind + " patch");
            assertProblem(api.admin().rotateKey(credential), 403, kind + " rotate");
        }
        // and the attempt to become admin changed nothing
        Reply me = api.accounts().me(Api.token(apiToken));
        assertEquals(List.of("user"), Api.strings(me.json().getJsonArray("groups")));
    }

    @Test
    void administrationWithoutCredentialIs401() {
        String someId = UUID.randomUUID().toString();
        for (Reply reply : List.of(api.admin().users(null, null), api.admin().user(someId), api.admin().setDisabled(someId, true),
                api.admin().rotateKey())) {
            assertProblem(reply, 401);
            String challenge = reply.header("WWW-Authenticate").orElse("");
            assertTrue(challenge.contains("Bearer") && challenge.contains("Token"), challenge);
        }
    }

    @Test
    void administratorsListUsersPageByPage() {
        api.register(Api.uniqueName("listed"));
        api.register(Api.uniqueName("listed"));
        String[] admin = api.admin().asAdministratorWithApiToken();

        Reply all = api.admin().users(null, null, admin);
        assertEquals(200, all.status(), all.toString());
        long total = all.json().getJsonNumber("total").longValue();
        assertTrue(total >= 3, all.toString());
        assertTrue(all.json().getJsonArray("items").size() <= 50, "default limit 50");

        Reply first = api.admin().users("0", "2", admin);
        assertEquals(200, first.status(), first.toString());
        JsonObject page = first.json();
        assertTrue(page.containsKey("items") && page.containsKey("total"), page.toString());
        assertEquals(2, page.getJsonArray("items").size(), page.toString());
        assertTrue(page.getJsonNumber("total").longValue() >= page.getJsonArray("items").size());
        for (JsonValue item : page.getJsonArray("items")) {
            JsonObject u = item.asJsonObject();
            assertTrue(u.containsKey("id") && u.containsKey("username") && u.containsKey("disabled"), u.toString());
            assertTrue(u.keySet().stream().noneMatch(k -> k.contains("password") || k.contains("hash")), u.toString());
        }

        Reply second = api.admin().users("1", "1", api.admin().asAdministrator());
        assertEquals(200, second.status(), second.toString());
        assertEquals(1, second.json().getJsonArray("items").size());
        assertEquals(page.getJsonArray("items").getJsonObject(1).getString("id"),
                second.json().getJsonArray("items").getJsonObject(0).getString("id"), "offset 1 is the second item of offset 0");

        Reply beyond = api.admin().users("2000000000", "500", admin);
        assertEquals(200, beyond.status(), beyond.toString());
        assertEquals(0, beyond.json().getJsonArray("items").size());
        assertTrue(beyond.json().getJsonNumber("total").longValue() >= 3);
    }

    @Test
    void administratorsGetBadPagingAs400() {
        String[] admin = api.admin().asAdministratorWithApiToken();
        for (String limit : List.of("-1", "0", "501", "1000000000", "99999999999999999999", "abc", "1.5")) {
            assertBadPaging(api.admin().users(null, limit, admin), "limit", limit);
        }
        for (String offset : List.of("-1", "abc")) {
            assertBadPaging(api.admin().users(offset, null, admin), "offset", offset);
        }
        Reply max = api.admin().users(null, "500", admin);
        assertEquals(200, max.status(), max.toString());
        assertTrue(max.json().getJsonArray("items").size() <= 500);
    }

    @Test
    void administratorsLookAtOneUser() {
        String name = Api.uniqueName("one");
        JsonObject user = api.register(name);
        String[] admin = api.admin().asAdministratorWithApiToken();

        Reply one = api.admin().user(user.getString("id"), admin);
        assertEquals(200, one.status(), one.toString());
        JsonObject shown = one.json();
        assertEquals(user.getString("id"), shown.getString("id"));
        assertEquals(name, shown.getString("username"));
        assertEquals(JsonValue.FALSE, shown.get("disabled"), shown.toString());
        assertEquals(List.of("user"), Api.strings(shown.getJsonArray("groups")));
        assertTrue(shown.keySet().stream().noneMatch(k -> k.contains("password") || k.contains("hash")), shown.toString());

        assertProblem(api.admin().user(UUID.randomUUID().toString(), admin), 404);
        for (String notAnId : List.of("not-a-uuid", "12345", user.getString("id").toUpperCase(Locale.ROOT) + "x",
                Api.urlEncoded("' OR '1'='1"), Api.urlEncoded("%"), "x".repeat(2000))) {
            assertProblem(api.admin().user(notAnId, admin), 404, notAnId);
        }
        assertProblem(api.admin().setDisabled(UUID.randomUUID().toString(), true, admin), 404);
        assertProblem(api.admin().setDisabled("not-a-uuid", true, admin), 404);
    }

    @Test
    void disablingRevokesEverythingAtOnceAndEnablingBringsNothingBack() {
        String name = Api.uniqueName("dis");
        String id = api.register(name).getString("id");
        String apiToken = api.createToken(name, Api.PASSWORD).getString("token");
        JsonObject pair = api.jwt().login(name, Api.PASSWORD);
        String access = pair.getString("access_token");
        assertEquals(200, api.accounts().me(Api.bearer(access)).status());
        String[] admin = api.admin().asAdministratorWithApiToken();

        Reply disabled = api.admin().setDisabled(id, true, admin);
        assertEquals(200, disabled.status(), disabled.toString());
        assertEquals(JsonValue.TRUE, disabled.json().get("disabled"));
        assertEquals(id, disabled.json().getString("id"));

        assertProblem(api.accounts().me(Api.token(apiToken)), 401);
        assertProblem(api.accounts().me(Api.bearer(access)), 401);
        assertProblem(api.jwt().refresh(pair.getString("refresh_token")), 401);
        assertProblem(api.jwt().tryLogin(name, Api.PASSWORD), 401);
        assertProblem(api.tokens().tryCreate(name, Api.PASSWORD), 401);
        assertEquals(JsonValue.TRUE, api.admin().user(id, admin).json().get("disabled"));

        Reply enabled = api.admin().setDisabled(id, false, admin);
        assertEquals(200, enabled.status(), enabled.toString());
        assertEquals(JsonValue.FALSE, enabled.json().get("disabled"));

        assertProblem(api.accounts().me(Api.token(apiToken)), 401);
        assertProblem(api.accounts().me(Api.bearer(access)), 401);
        assertProblem(api.jwt().refresh(pair.getString("refresh_token")), 401);

        JsonObject fresh = api.jwt().login(name, Api.PASSWORD);
        Reply me = api.accounts().me(Api.bearer(fresh.getString("access_token")));
        assertEquals(200, me.status(), me.toString());
        assertEquals(200, api.jwt().refresh(fresh.getString("refresh_token")).status());
        assertEquals(200, api.accounts().me(Api.token(api.createToken(name, Api.PASSWORD).getString("token"))).status());
    }

    @Test
    void administratorsChangeGroups() {
        String name = Api.uniqueName("grp");
        String id = api.register(name).getString("id");
        String[] admin = api.admin().asAdministratorWithApiToken();

        Reply patched = api.admin().setGroups(id, List.of("auditor"), admin);
        assertEquals(200, patched.status(), patched.toString());
        assertEquals(Set.of("user", "auditor"), new HashSet<>(Api.strings(patched.json().getJsonArray("groups"))));
        assertEquals(JsonValue.FALSE, patched.json().get("disabled"));

        Reply viaToken = api.accounts().me(Api.token(api.createToken(name, Api.PASSWORD).getString("token")));
        assertEquals(200, viaToken.status(), viaToken.toString());
        assertEquals(List.of("user", "auditor"), Api.strings(viaToken.json().getJsonArray("groups")));

        String jwt = api.jwt().login(name, Api.PASSWORD).getString("access_token");
        Reply viaJwt = api.accounts().me(Api.bearer(jwt));
        assertEquals(200, viaJwt.status(), viaJwt.toString());
        assertEquals(List.of("user", "auditor"), Api.strings(viaJwt.json().getJsonArray("groups")));
        assertEquals(Set.of("user", "auditor"), new HashSet<>(Api.strings(Jwts.claims(jwt).getJsonArray("groups"))));

        // "auditor" is not "admin"
        assertProblem(api.admin().users(null, null, Api.bearer(jwt)), 403);
    }

    /** API tokens are kept in memory after their first use; a change of groups must reach them at once. */
    @Test
    void aGroupChangeReachesAnApiTokenAlreadyInUse() {
        String name = Api.uniqueName("grptok");
        String id = api.register(name).getString("id");
        String[] token = Api.token(api.createToken(name, Api.PASSWORD).getString("token"));
        String[] admin = api.admin().asAdministratorWithApiToken();
        assertProblem(api.admin().users(null, null, token), 403);

        assertEquals(200, api.admin().setGroups(id, List.of("admin"), admin).status());
        Reply asAdmin = api.admin().users(null, null, token);
        assertEquals(200, asAdmin.status(), asAdmin.toString());
        assertEquals(200, api.admin().users(null, null, token).status());

        assertEquals(200, api.admin().setGroups(id, List.of(), admin).status());
        assertProblem(api.admin().users(null, null, token), 403);
        assertEquals(200, api.accounts().me(token).status());
    }

    /** The bodies go as text: their shape is the point, and the last one is not even JSON. */
    @Test
    void invalidGroupsAreRefused() {
        String name = Api.uniqueName("badgrp");
        String id = api.register(name).getString("id");
        String[] admin = api.admin().asAdministratorWithApiToken();
        String tooMany = "[" + IntStream.range(0, 33).mapToObj(i -> "\"g" + i + "\"").collect(Collectors.joining(",")) + "]";
        List<String> accepted = new ArrayList<>();
        for (String patch : List.of("{\"groups\":[\"Bad Group\"]}", "{\"groups\":[123]}", "{\"groups\":[null]}",
                "{\"groups\":[\"\"]}", "{\"groups\":[true]}", "{\"groups\":[[\"nested\"]]}", "{\"groups\":[{\"name\":\"admin\"}]}",
                "{\"groups\":\"admin\"}", "{\"groups\":{\"admin\":true}}", "{\"groups\":" + tooMany + "}",
                "{\"groups\":[\"" + "a".repeat(65) + "\"]}", "{\"disabled\":\"yes\"}", "{\"disabled\":1}", "{\"disabled\":")) {
            Reply reply = api.admin().patch(id, "application/json", patch, admin);
            if (reply.status() / 100 == 2) {
                accepted.add(patch + " -> " + reply);
            } else {
                assertProblem(reply, 400, patch);
            }
        }
        assertTrue(accepted.isEmpty(), "accepted instead of 400:\n" + String.join("\n", accepted));
        Reply unchanged = api.admin().user(id, admin);
        assertEquals(List.of("user"), Api.strings(unchanged.json().getJsonArray("groups")), unchanged.toString());
        assertEquals(JsonValue.FALSE, unchanged.json().get("disabled"));
    }

    @Test
    void aPatchWithAFieldItCannotChangeIsRefusedAndChangesNothing() {
        String id = api.register(Api.uniqueName("unknown-field")).getString("id");
        String[] admin = api.admin().asAdministratorWithApiToken();
        for (String patch : List.of("{\"disabled\":true,\"email\":\"x@example.com\"}", "{\"groups\":[\"auditor\"],\"is_admin\":true}",
                "{\"Disabled\":true}", "{\"username\":\"renamed\"}")) {
            JsonObject problem = assertProblem(api.admin().patch(id, "application/json", patch, admin), 400, patch);
            assertFalse(errorFields(problem).isEmpty(), "the problem names the field: " + problem);
        }
        Reply unchanged = api.admin().user(id, admin);
        assertEquals(List.of("user"), Api.strings(unchanged.json().getJsonArray("groups")), unchanged.toString());
        assertEquals(JsonValue.FALSE, unchanged.json().get("disabled"));
    }

    @Test
    void administratorsCannotDisableThemselvesNorDropTheirAdminGroup() {
        String[] admin = api.admin().asAdministratorWithApiToken();
        String adminId = api.accounts().me(admin).json().getString("id");

        JsonObject conflict = assertProblem(api.admin().setDisabled(adminId, true, admin), 409);
        assertTrue(conflict.getString("detail").length() > 0);
        assertProblem(api.admin().setGroups(adminId, List.of("user"), admin), 409);
        assertProblem(api.admin().patch(adminId, Json.createObjectBuilder().add("groups", Json.createArrayBuilder().add("auditor"))
                .add("disabled", false).build(), admin), 409);

        Reply self = api.admin().user(adminId, admin);
        assertEquals(200, self.status(), self.toString());
        assertEquals(JsonValue.FALSE, self.json().get("disabled"));
        assertTrue(Api.strings(self.json().getJsonArray("groups")).contains("admin"));
        assertEquals(200, api.admin().users(null, null, admin).status());
    }

    /** A 400 problem naming exactly the paging parameter that was wrong. */
    private static void assertBadPaging(Reply reply, String parameter, String value) {
        String query = parameter + "=" + value;
        JsonObject problem = assertProblem(reply, 400, query);
        assertEquals(Set.of(parameter), errorFields(problem), query + ": " + reply);
    }
}
