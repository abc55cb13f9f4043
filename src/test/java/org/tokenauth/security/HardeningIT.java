package org.tokenauth.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServers;
import org.tokenauth.support.Api.Reply;

/**
 * The hardening part of the contract, from the outside: login throttling, indistinguishable login
 * failures, password change, administration, CORS, security headers and hostile input.
 *
 * <p>All requests come from one client address, whose own throttle allows 200 failed password checks
 * in 15 minutes: the tests here stay far below that (about 40 failures in all).
 *
 * <p>{@link Api} talks HTTP/1.1; what the JDK's client will not send goes over a plain socket
 * ({@code raw}). Over HTTP/2, oddly spaced headers break the server's HTTP/2 state for unrelated
 * requests, which {@link Http2HeadersIT} shows on a server of its own.
 */
class HardeningIT {

    static final String ORIGIN = "http://client.test:9000";
    static final String FOREIGN_ORIGIN = "http://evil.test:9000";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String NEW_PASSWORD = "a brand new passphrase, much longer";
    static final String PROBLEM = "application/problem+json";

    final URL base = TestServers.shared(Map.of("tokenauth.cors.allowed-origins", ORIGIN)).base();

    private Api api() {
        return new Api(base);
    }

    // ------------------------------------------------------------------ throttling

    @Test
    void afterFiveFailuresEveryPasswordAttemptIsThrottledEvenTheRightOne() {
        Api api = api();
        String name = Api.uniqueName("thr");
        api.register(name);
        for (int i = 1; i <= 5; i++) {
            assertProblem(login(api, name, "wrong password number " + i), 401);
        }
        Reply sixth = login(api, name, "wrong password number 6");
        assertThrottled(sixth);

        // the right password is refused as well while the window lasts, on both password endpoints
        assertThrottled(login(api, name, Api.PASSWORD));
        assertThrottled(api.post("/api/auth/tokens", credentials(name, Api.PASSWORD)));

        // the username is counted regardless of case and of Unicode compatibility forms
        assertThrottled(login(api, name.toUpperCase(Locale.ROOT), Api.PASSWORD));
        assertThrottled(login(api, fullWidth(name), Api.PASSWORD));

        // a browser client on an allowed origin can read the 429
        Reply fromBrowser = api.post("/api/auth/jwt", credentials(name, Api.PASSWORD), "Origin", ORIGIN);
        assertThrottled(fromBrowser);
        assertEquals(ORIGIN, fromBrowser.header("Access-Control-Allow-Origin").orElse(null), "CORS grant on a 429");

        // another username from the same client is not affected
        String other = Api.uniqueName("thr-other");
        api.register(other);
        Reply ok = login(api, other, Api.PASSWORD);
        assertEquals(200, ok.status(), ok.toString());
        assertTrue(ok.json().getString("access_token").length() > 20);
        Reply created = api.post("/api/auth/tokens", credentials(other, Api.PASSWORD));
        assertEquals(201, created.status(), created.toString());
    }

    @Test
    void failuresCountAcrossBothPasswordEndpoints() {
        Api api = api();
        String name = Api.uniqueName("thr-both");
        api.register(name);
        for (int i = 0; i < 3; i++) {
            assertProblem(login(api, name, "wrong jwt password " + i), 401);
        }
        for (int i = 0; i < 2; i++) {
            assertProblem(api.post("/api/auth/tokens", credentials(name, "wrong token password " + i)), 401);
        }
        assertThrottled(api.post("/api/auth/tokens", credentials(name, Api.PASSWORD)));
        assertThrottled(login(api, name, Api.PASSWORD));
    }

    @Test
    void aSuccessfulLoginStartsTheCountAgain() {
        Api api = api();
        String name = Api.uniqueName("thr-reset");
        api.register(name);
        for (int i = 0; i < 4; i++) {
            assertProblem(login(api, name, "wrong " + i), 401);
        }
        assertEquals(200, login(api, name, Api.PASSWORD).status());
        for (int i = 0; i < 4; i++) {
            assertProblem(login(api, name, "wrong again " + i), 401);
        }
        Reply stillOk = login(api, name, Api.PASSWORD);
        assertEquals(200, stillOk.status(), stillOk.toString());
    }

    @Test
    void unknownUserWrongPasswordAndDisabledUserAllLookTheSame() {
        Api api = api();
        String name = Api.uniqueName("same");
        JsonObject user = api.register(name);
        String unknown = Api.uniqueName("nobody");

        for (String path : List.of("/api/auth/jwt", "/api/auth/tokens")) {
            Reply unknownUser = api.post(path, credentials(unknown, Api.PASSWORD));
            Reply wrongPassword = api.post(path, credentials(name, "not the password at all"));
            assertProblem(unknownUser, 401);
            assertProblem(wrongPassword, 401);
            assertArrayEquals(bytes(unknownUser), bytes(wrongPassword), path + ": " + unknownUser + " vs " + wrongPassword);
            assertEquals(unknownUser.header("WWW-Authenticate"), wrongPassword.header("WWW-Authenticate"), path);
            assertEquals(unknownUser.contentType(), wrongPassword.contentType(), path);
        }

        Reply reference = api.post("/api/auth/jwt", credentials(unknown, Api.PASSWORD));
        assertEquals(200, patchUser(api, adminToken(api), user.getString("id"), "{\"disabled\":true}").status());
        for (String path : List.of("/api/auth/jwt", "/api/auth/tokens")) {
            Reply disabled = api.post(path, credentials(name, Api.PASSWORD));
            assertProblem(disabled, 401);
            assertEquals(reference.body(), disabled.body(), path + ": a disabled user must look like an unknown one");
            assertEquals(reference.header("WWW-Authenticate"), disabled.header("WWW-Authenticate"), path);
        }
    }

    // ------------------------------------------------------------------ password change

    @Test
    void passwordChangeValidatesBothFields() {
        Api api = api();
        String name = Api.uniqueName("pwv");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");

        Reply wrongCurrent = putPassword(api, token, "this is not my password", NEW_PASSWORD);
        assertEquals(Set.of("current_password"), errorFields(assertProblem(wrongCurrent, 400)));

        Reply missingCurrent = api.send("PUT", "/api/me/password", "application/json",
                utf8("{\"new_password\":\"" + NEW_PASSWORD + "\"}"), Api.token(token));
        assertTrue(errorFields(assertProblem(missingCurrent, 400)).contains("current_password"), missingCurrent.toString());

        Reply tooShort = putPassword(api, token, Api.PASSWORD, "short1");
        assertEquals(Set.of("new_password"), errorFields(assertProblem(tooShort, 400)));

        Reply sameAsUsername = putPassword(api, token, Api.PASSWORD, name);
        assertEquals(Set.of("new_password"), errorFields(assertProblem(sameAsUsername, 400)));

        Reply nul = api.send("PUT", "/api/me/password", "application/json",
                utf8("{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"long enough pass" + esc("0000") + "word\"}"),
                Api.token(token));
        assertEquals(Set.of("new_password"), errorFields(assertProblem(nul, 400)));

        assertProblem(putPassword(api, null, Api.PASSWORD, NEW_PASSWORD), 401);

        // nothing changed: the token still works, the old password still logs in
        assertEquals(200, api.get("/api/me", Api.token(token)).status());
        assertEquals(200, login(api, name, Api.PASSWORD).status());
    }

    @Test
    void passwordChangeRevokesEveryCredentialMadeBefore() {
        Api api = api();
        String name = Api.uniqueName("pwc");
        api.register(name);
        String apiToken = api.createToken(name, Api.PASSWORD).getString("token");
        JsonObject pair1 = jwtPair(api, name, Api.PASSWORD);
        JsonObject pair2 = jwtPair(api, name, Api.PASSWORD);
        String access1 = pair1.getString("access_token");
        assertEquals(200, api.get("/api/me", Api.bearer(access1)).status());
        assertEquals(200, api.get("/api/me", Api.token(apiToken)).status());

        Reply changed = putPassword(api, pair2.getString("access_token"), Api.PASSWORD, NEW_PASSWORD, true);
        assertEquals(204, changed.status(), changed.toString());
        assertEquals("", changed.body());

        assertProblem(api.get("/api/me", Api.token(apiToken)), 401);
        assertProblem(api.get("/api/me", Api.bearer(access1)), 401);
        assertProblem(api.get("/api/me", Api.bearer(pair2.getString("access_token"))), 401);
        assertProblem(refresh(api, pair1.getString("refresh_token")), 401);
        assertProblem(refresh(api, pair2.getString("refresh_token")), 401);

        assertProblem(login(api, name, Api.PASSWORD), 401);
        JsonObject fresh = jwtPair(api, name, NEW_PASSWORD);
        Reply me = api.get("/api/me", Api.bearer(fresh.getString("access_token")));
        assertEquals(200, me.status(), me.toString());
        assertEquals(name, me.json().getString("username"));
        String newToken = api.createToken(name, NEW_PASSWORD).getString("token");
        assertEquals(200, api.get("/api/me", Api.token(newToken)).status());
        assertEquals(200, refresh(api, fresh.getString("refresh_token")).status());
    }

    @Test
    void passwordChangeWithAnApiTokenRevokesThatTokenToo() {
        Api api = api();
        String name = Api.uniqueName("pwt");
        api.register(name);
        String apiToken = api.createToken(name, Api.PASSWORD).getString("token");
        String other = api.createToken(name, Api.PASSWORD).getString("token");
        assertEquals(204, putPassword(api, apiToken, Api.PASSWORD, NEW_PASSWORD).status());
        assertProblem(api.get("/api/me", Api.token(apiToken)), 401);
        assertProblem(api.get("/api/me", Api.token(other)), 401);
        Reply list = api.get("/api/auth/tokens", Api.token(api.createToken(name, NEW_PASSWORD).getString("token")));
        assertEquals(200, list.status(), list.toString());
        assertEquals(1, list.jsonArray().size(), "only the token made after the change: " + list);
    }

    // ------------------------------------------------------------------ administration

    @Test
    void nonAdministratorsAreForbidden() {
        Api api = api();
        String name = Api.uniqueName("plain");
        JsonObject user = api.register(name);
        String id = user.getString("id");
        String apiToken = api.createToken(name, Api.PASSWORD).getString("token");
        String jwt = jwtPair(api, name, Api.PASSWORD).getString("access_token");
        for (String[] credential : List.of(Api.token(apiToken), Api.bearer(jwt))) {
            String kind = credential[1].split(" ")[0];
            assertProblem(api.get("/api/admin/users", credential), 403, kind + " list");
            assertProblem(api.get("/api/admin/users?offset=0&limit=10", credential), 403, kind + " list paged");
            assertProblem(api.get("/api/admin/users/" + id, credential), 403, kind + " get");
            assertProblem(patchUser(api, credential, id, "{\"groups\":[\"admin\"]}"), 403, kind + " patch");
            assertProblem(api.send("POST", "/api/admin/keys/rotate", null, null, credential), 403, kind + " rotate");
        }
        // and the attempt to become admin changed nothing
        Reply me = api.get("/api/me", Api.token(apiToken));
        assertEquals(List.of("user"), Api.strings(me.json().getJsonArray("groups")));
    }

    @Test
    void administrationWithoutCredentialIs401() {
        Api api = api();
        String someId = UUID.randomUUID().toString();
        for (Reply reply : List.of(api.get("/api/admin/users"), api.get("/api/admin/users/" + someId),
                api.send("PATCH", "/api/admin/users/" + someId, "application/json", utf8("{\"disabled\":true}")),
                api.send("POST", "/api/admin/keys/rotate", null, null))) {
            assertProblem(reply, 401);
            String challenge = reply.header("WWW-Authenticate").orElse("");
            assertTrue(challenge.contains("Bearer") && challenge.contains("Token"), challenge);
        }
    }

    @Test
    void administratorsListUsersPageByPage() {
        Api api = api();
        api.register(Api.uniqueName("listed"));
        api.register(Api.uniqueName("listed"));
        String[] admin = adminToken(api);

        Reply all = api.get("/api/admin/users", admin);
        assertEquals(200, all.status(), all.toString());
        long total = all.json().getJsonNumber("total").longValue();
        assertTrue(total >= 3, all.toString());
        assertTrue(all.json().getJsonArray("items").size() <= 50, "default limit 50");

        Reply first = api.get("/api/admin/users?offset=0&limit=2", admin);
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

        Reply second = api.get("/api/admin/users?offset=1&limit=1", bearerOfAdmin(api));
        assertEquals(200, second.status(), second.toString());
        assertEquals(1, second.json().getJsonArray("items").size());
        assertEquals(page.getJsonArray("items").getJsonObject(1).getString("id"),
                second.json().getJsonArray("items").getJsonObject(0).getString("id"), "offset 1 is the second item of offset 0");

        Reply beyond = api.get("/api/admin/users?offset=2000000000&limit=500", admin);
        assertEquals(200, beyond.status(), beyond.toString());
        assertEquals(0, beyond.json().getJsonArray("items").size());
        assertTrue(beyond.json().getJsonNumber("total").longValue() >= 3);
    }

    @Test
    void administratorsGetBadPagingAs400() {
        Api api = api();
        String[] admin = adminToken(api);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("limit=-1", "limit");
        bad.put("limit=0", "limit");
        bad.put("limit=501", "limit");
        bad.put("limit=1000000000", "limit");
        bad.put("limit=99999999999999999999", "limit");
        bad.put("limit=abc", "limit");
        bad.put("limit=1.5", "limit");
        bad.put("offset=-1", "offset");
        bad.put("offset=abc", "offset");
        for (Map.Entry<String, String> query : bad.entrySet()) {
            Reply reply = api.get("/api/admin/users?" + query.getKey(), admin);
            JsonObject problem = assertProblem(reply, 400, query.getKey());
            assertEquals(Set.of(query.getValue()), errorFields(problem), query.getKey() + ": " + reply);
        }
        Reply max = api.get("/api/admin/users?limit=500", admin);
        assertEquals(200, max.status(), max.toString());
        assertTrue(max.json().getJsonArray("items").size() <= 500);
    }

    @Test
    void administratorsLookAtOneUser() {
        Api api = api();
        String name = Api.uniqueName("one");
        JsonObject user = api.register(name);
        String[] admin = adminToken(api);

        Reply one = api.get("/api/admin/users/" + user.getString("id"), admin);
        assertEquals(200, one.status(), one.toString());
        JsonObject shown = one.json();
        assertEquals(user.getString("id"), shown.getString("id"));
        assertEquals(name, shown.getString("username"));
        assertEquals(JsonValue.FALSE, shown.get("disabled"), shown.toString());
        assertEquals(List.of("user"), Api.strings(shown.getJsonArray("groups")));
        assertTrue(shown.keySet().stream().noneMatch(k -> k.contains("password") || k.contains("hash")), shown.toString());

        assertProblem(api.get("/api/admin/users/" + UUID.randomUUID(), admin), 404);
        for (String notAnId : List.of("not-a-uuid", "12345", user.getString("id").toUpperCase(Locale.ROOT) + "x",
                enc("' OR '1'='1"), enc("%"), "x".repeat(2000))) {
            assertProblem(api.get("/api/admin/users/" + notAnId, admin), 404, notAnId);
        }
        assertProblem(patchUser(api, admin, UUID.randomUUID().toString(), "{\"disabled\":true}"), 404);
        assertProblem(patchUser(api, admin, "not-a-uuid", "{\"disabled\":true}"), 404);
    }

    @Test
    void disablingRevokesEverythingAtOnceAndEnablingBringsNothingBack() {
        Api api = api();
        String name = Api.uniqueName("dis");
        String id = api.register(name).getString("id");
        String apiToken = api.createToken(name, Api.PASSWORD).getString("token");
        JsonObject pair = jwtPair(api, name, Api.PASSWORD);
        String access = pair.getString("access_token");
        assertEquals(200, api.get("/api/me", Api.bearer(access)).status());
        String[] admin = adminToken(api);

        Reply disabled = patchUser(api, admin, id, "{\"disabled\":true}");
        assertEquals(200, disabled.status(), disabled.toString());
        assertEquals(JsonValue.TRUE, disabled.json().get("disabled"));
        assertEquals(id, disabled.json().getString("id"));

        assertProblem(api.get("/api/me", Api.token(apiToken)), 401);
        assertProblem(api.get("/api/me", Api.bearer(access)), 401);
        assertProblem(refresh(api, pair.getString("refresh_token")), 401);
        assertProblem(login(api, name, Api.PASSWORD), 401);
        assertProblem(api.post("/api/auth/tokens", credentials(name, Api.PASSWORD)), 401);
        assertEquals(JsonValue.TRUE, api.get("/api/admin/users/" + id, admin).json().get("disabled"));

        Reply enabled = patchUser(api, admin, id, "{\"disabled\":false}");
        assertEquals(200, enabled.status(), enabled.toString());
        assertEquals(JsonValue.FALSE, enabled.json().get("disabled"));

        assertProblem(api.get("/api/me", Api.token(apiToken)), 401);
        assertProblem(api.get("/api/me", Api.bearer(access)), 401);
        assertProblem(refresh(api, pair.getString("refresh_token")), 401);

        JsonObject fresh = jwtPair(api, name, Api.PASSWORD);
        Reply me = api.get("/api/me", Api.bearer(fresh.getString("access_token")));
        assertEquals(200, me.status(), me.toString());
        assertEquals(200, refresh(api, fresh.getString("refresh_token")).status());
        assertEquals(200, api.get("/api/me", Api.token(api.createToken(name, Api.PASSWORD).getString("token"))).status());
    }

    @Test
    void administratorsChangeGroups() {
        Api api = api();
        String name = Api.uniqueName("grp");
        String id = api.register(name).getString("id");
        String[] admin = adminToken(api);

        Reply patched = patchUser(api, admin, id, "{\"groups\":[\"auditor\"]}");
        assertEquals(200, patched.status(), patched.toString());
        assertEquals(Set.of("user", "auditor"), new HashSet<>(Api.strings(patched.json().getJsonArray("groups"))));
        assertEquals(JsonValue.FALSE, patched.json().get("disabled"));

        Reply viaToken = api.get("/api/me", Api.token(api.createToken(name, Api.PASSWORD).getString("token")));
        assertEquals(200, viaToken.status(), viaToken.toString());
        assertEquals(List.of("user", "auditor"), Api.strings(viaToken.json().getJsonArray("groups")));

        String jwt = jwtPair(api, name, Api.PASSWORD).getString("access_token");
        Reply viaJwt = api.get("/api/me", Api.bearer(jwt));
        assertEquals(200, viaJwt.status(), viaJwt.toString());
        assertEquals(List.of("user", "auditor"), Api.strings(viaJwt.json().getJsonArray("groups")));
        assertEquals(Set.of("user", "auditor"), new HashSet<>(Api.strings(claims(jwt).getJsonArray("groups"))));

        // "auditor" is not "admin"
        assertProblem(api.get("/api/admin/users", Api.bearer(jwt)), 403);
    }

    /** API tokens are kept in memory after their first use; a change of groups must reach them at once. */
    @Test
    void aGroupChangeReachesAnApiTokenAlreadyInUse() {
        Api api = api();
        String name = Api.uniqueName("grptok");
        String id = api.register(name).getString("id");
        String[] token = Api.token(api.createToken(name, Api.PASSWORD).getString("token"));
        String[] admin = adminToken(api);
        assertProblem(api.get("/api/admin/users", token), 403);

        assertEquals(200, patchUser(api, admin, id, "{\"groups\":[\"admin\"]}").status());
        Reply asAdmin = api.get("/api/admin/users", token);
        assertEquals(200, asAdmin.status(), asAdmin.toString());
        assertEquals(200, api.get("/api/admin/users", token).status());

        assertEquals(200, patchUser(api, admin, id, "{\"groups\":[]}").status());
        assertProblem(api.get("/api/admin/users", token), 403);
        assertEquals(200, api.get("/api/me", token).status());
    }

    @Test
    void invalidGroupsAreRefused() {
        Api api = api();
        String name = Api.uniqueName("badgrp");
        String id = api.register(name).getString("id");
        String[] admin = adminToken(api);
        String tooMany = "[" + java.util.stream.IntStream.range(0, 33).mapToObj(i -> "\"g" + i + "\"")
                .collect(Collectors.joining(",")) + "]";
        List<String> accepted = new ArrayList<>();
        for (String patch : List.of("{\"groups\":[\"Bad Group\"]}", "{\"groups\":[123]}", "{\"groups\":[null]}",
                "{\"groups\":[\"\"]}", "{\"groups\":[true]}", "{\"groups\":[[\"nested\"]]}", "{\"groups\":[{\"name\":\"admin\"}]}",
                "{\"groups\":\"admin\"}", "{\"groups\":{\"admin\":true}}", "{\"groups\":" + tooMany + "}",
                "{\"groups\":[\"" + "a".repeat(65) + "\"]}", "{\"disabled\":\"yes\"}", "{\"disabled\":1}", "{\"disabled\":")) {
            Reply reply = patchUser(api, admin, id, patch);
            if (reply.status() / 100 == 2) {
                accepted.add(patch + " -> " + reply);
            } else {
                assertProblem(reply, 400, patch);
            }
        }
        assertTrue(accepted.isEmpty(), "accepted instead of 400:\n" + String.join("\n", accepted));
        Reply unchanged = api.get("/api/admin/users/" + id, admin);
        assertEquals(List.of("user"), Api.strings(unchanged.json().getJsonArray("groups")), unchanged.toString());
        assertEquals(JsonValue.FALSE, unchanged.json().get("disabled"));
    }

    @Test
    void administratorsCannotDisableThemselvesNorDropTheirAdminGroup() {
        Api api = api();
        String[] admin = adminToken(api);
        String adminId = api.get("/api/me", admin).json().getString("id");

        JsonObject conflict = assertProblem(patchUser(api, admin, adminId, "{\"disabled\":true}"), 409);
        assertTrue(conflict.getString("detail").length() > 0);
        assertProblem(patchUser(api, admin, adminId, "{\"groups\":[\"user\"]}"), 409);
        assertProblem(patchUser(api, admin, adminId, "{\"groups\":[\"auditor\"],\"disabled\":false}"), 409);

        Reply self = api.get("/api/admin/users/" + adminId, admin);
        assertEquals(200, self.status(), self.toString());
        assertEquals(JsonValue.FALSE, self.json().get("disabled"));
        assertTrue(Api.strings(self.json().getJsonArray("groups")).contains("admin"));
        assertEquals(200, api.get("/api/admin/users", admin).status());
    }

    // ------------------------------------------------------------------ CORS

    @Test
    void preflightFromAnAllowedOrigin() {
        Api api = api();
        for (String path : List.of("/api/me", "/api/auth/jwt", "/api/me/password", "/api/admin/users/" + UUID.randomUUID())) {
            Reply preflight = api.send("OPTIONS", path, null, null, "Origin", ORIGIN,
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization, content-type");
            assertEquals(204, preflight.status(), path + ": " + preflight);
            assertEquals(List.of(ORIGIN), preflight.headers().allValues("Access-Control-Allow-Origin"), path);
            Set<String> methods = tokens(preflight, "Access-Control-Allow-Methods");
            assertTrue(methods.containsAll(Set.of("GET", "POST", "PUT", "PATCH", "DELETE")), path + ": " + methods);
            Set<String> headers = tokens(preflight, "Access-Control-Allow-Headers").stream()
                    .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            assertTrue(headers.containsAll(Set.of("authorization", "content-type")), path + ": " + headers);
            String maxAge = preflight.header("Access-Control-Max-Age").orElse("");
            assertTrue(maxAge.matches("\\d+") && Long.parseLong(maxAge) > 0, "Max-Age " + maxAge);
            assertFalse(preflight.header("Access-Control-Allow-Credentials").isPresent(), path);
            assertTrue(tokens(preflight, "Vary").stream().anyMatch(v -> v.equalsIgnoreCase("Origin")), path);
        }
    }

    @Test
    void actualRequestsFromAnAllowedOriginAreGranted() {
        Api api = api();
        String name = Api.uniqueName("cors");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");

        Reply ok = api.get("/api/me", concat(Api.token(token), "Origin", ORIGIN));
        assertEquals(200, ok.status(), ok.toString());
        assertGranted(ok, "200");

        Reply login = api.post("/api/auth/jwt", credentials(name, Api.PASSWORD), "Origin", ORIGIN);
        assertEquals(200, login.status(), login.toString());
        assertGranted(login, "login");

        Reply anonymous = api.get("/api/me", "Origin", ORIGIN);
        assertProblem(anonymous, 401);
        assertGranted(anonymous, "401 without credential");

        Reply wrongPassword = api.post("/api/auth/jwt", credentials(name, "not the password"), "Origin", ORIGIN);
        assertProblem(wrongPassword, 401);
        assertGranted(wrongPassword, "401 on a wrong password");
    }

    @Test
    void rejectedCredentialsFromAnAllowedOriginAreReadableToo() {
        Api api = api();
        Reply badToken = api.get("/api/me", "Authorization", "Token tka_notarealtoken", "Origin", ORIGIN);
        assertProblem(badToken, 401);
        assertGranted(badToken, "401 for a malformed API token");

        Reply badJwt = api.get("/api/me", "Authorization", "Bearer not.a.jwt", "Origin", ORIGIN);
        assertProblem(badJwt, 401);
        assertGranted(badJwt, "401 for a bearer token that is not a JWT");
    }

    @Test
    void otherOriginsGetNoGrant() {
        Api api = api();
        String name = Api.uniqueName("foreign");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        for (String origin : List.of(FOREIGN_ORIGIN, "http://client.test:9001", "https://client.test:9000",
                "http://sub.client.test:9000", "http://client.test:9000.evil.test", "http://client.test", "null",
                "http://client.test:9000/", "*")) {
            Reply preflight = api.send("OPTIONS", "/api/me", null, null, "Origin", origin,
                    "Access-Control-Request-Method", "GET");
            assertFalse(preflight.header("Access-Control-Allow-Origin").isPresent(), origin + " preflight: " + preflight.headers());
            assertFalse(preflight.header("Access-Control-Allow-Methods").isPresent(), origin);
            assertFalse(preflight.header("Access-Control-Allow-Credentials").isPresent(), origin);
            assertNotEquals(500, preflight.status());

            Reply actual = api.get("/api/me", concat(Api.token(token), "Origin", origin));
            assertEquals(200, actual.status(), origin + ": the request itself is answered, only not granted");
            assertFalse(actual.header("Access-Control-Allow-Origin").isPresent(), origin + " actual: " + actual.headers());
            assertFalse(actual.header("Access-Control-Allow-Credentials").isPresent(), origin);

            Reply anonymous = api.get("/api/me", "Origin", origin);
            assertProblem(anonymous, 401);
            assertFalse(anonymous.header("Access-Control-Allow-Origin").isPresent(), origin + " 401: " + anonymous.headers());
        }
    }

    // ------------------------------------------------------------------ security headers

    @Test
    void noSniffOnEveryKindOfResponse() {
        Api api = api();
        String name = Api.uniqueName("hdr");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        Map<String, Reply> replies = new LinkedHashMap<>();
        replies.put("200 /api/me", api.get("/api/me", Api.token(token)));
        replies.put("200 jwks", api.get("/api/auth/jwks"));
        replies.put("401 no credential", api.get("/api/me"));
        replies.put("401 bad token", api.get("/api/me", "Authorization", "Token tka_nope"));
        replies.put("404 under /api", api.get("/api/no-such-thing"));
        replies.put("404 outside /api", api.get("/no-such-page.html"));
        replies.put("400 malformed", api.postRaw("/api/auth/jwt", "application/json", "{"));
        for (Map.Entry<String, Reply> e : replies.entrySet()) {
            assertTrue(e.getKey().startsWith(Integer.toString(e.getValue().status())), e.getKey() + ": " + e.getValue());
            assertEquals("nosniff", e.getValue().header("X-Content-Type-Options").orElse(null), e.getKey());
        }
        assertProblem(replies.get("404 outside /api"), 404);
    }

    @Test
    void noStoreWhereTokensAndPersonalDataTravel() {
        Api api = api();
        String name = Api.uniqueName("nostore");
        Map<String, Reply> replies = new LinkedHashMap<>();
        replies.put("register", api.post("/api/auth/register", Json.createObjectBuilder().add("username", name)
                .add("email", name + "@example.com").add("password", Api.PASSWORD).build()));
        Reply created = api.post("/api/auth/tokens", credentials(name, Api.PASSWORD));
        replies.put("token 201", created);
        String token = created.json().getString("token");
        Reply pair = login(api, name, Api.PASSWORD);
        replies.put("jwt 200", pair);
        replies.put("refresh 200", refresh(api, pair.json().getString("refresh_token")));
        replies.put("jwt 401", login(api, Api.uniqueName("nobody"), Api.PASSWORD));
        replies.put("tokens list", api.get("/api/auth/tokens", Api.token(token)));
        replies.put("me 200", api.get("/api/me", Api.token(token)));
        replies.put("me 401", api.get("/api/me"));
        replies.put("me 401 bad token", api.get("/api/me", "Authorization", "Token tka_nope"));
        for (Map.Entry<String, Reply> e : replies.entrySet()) {
            String cacheControl = e.getValue().header("Cache-Control").orElse("");
            assertTrue(tokens(e.getValue(), "Cache-Control").contains("no-store"), e.getKey() + ": Cache-Control " + cacheControl
                    + " " + e.getValue());
        }
    }

    @Test
    void noServerBanner() {
        Api api = api();
        List<Reply> replies = List.of(api.get("/api/auth/jwks"), api.get("/api/me"), api.get("/no-such-page"),
                api.postRaw("/api/auth/jwt", "application/json", "["), api.get("/health"),
                api.send("OPTIONS", "/api/me", null, null, "Origin", ORIGIN, "Access-Control-Request-Method", "GET"));
        for (Reply reply : replies) {
            assertFalse(reply.header("Server").isPresent(), reply.status() + " Server: " + reply.header("Server"));
            assertFalse(reply.header("X-Powered-By").isPresent(), reply.status() + " X-Powered-By: " + reply.header("X-Powered-By"));
        }
    }

    // ------------------------------------------------------------------ hostile input

    @Test
    void malformedJsonIs400() {
        Api api = api();
        for (String path : List.of("/api/auth/register", "/api/auth/jwt", "/api/auth/jwt/refresh", "/api/auth/tokens")) {
            for (String body : List.of("{", "{\"username\":", "not json", "{\"username\":\"a\",}", "{'username':'a'}", "")) {
                Reply reply = api.postRaw(path, "application/json", body);
                assertProblem(reply, 400, path + " <" + body + ">");
            }
        }
    }

    @Test
    void bodiesOfTheWrongShapeAre400() {
        Api api = api();
        List<String> notRefused = new ArrayList<>();
        for (String path : List.of("/api/auth/register", "/api/auth/jwt", "/api/auth/jwt/refresh", "/api/auth/tokens")) {
            for (String body : List.of("[]", "[{\"username\":\"a\",\"password\":\"b\"}]", "\"text\"", "42", "null", "true",
                    "{\"username\":{\"$ne\":null},\"password\":{\"$ne\":null}}",
                    "{\"username\":[\"someone\"],\"password\":[\"x\"]}")) {
                Reply reply = api.postRaw(path, "application/json", body);
                if (reply.status() == 400) {
                    assertProblem(reply, 400, path + " <" + body + ">");
                } else {
                    assertClientError(reply);
                    notRefused.add(path + " <" + body + "> -> " + reply);
                }
            }
        }
        assertTrue(notRefused.isEmpty(), "handled as if the body were an object, instead of 400:\n" + String.join("\n", notRefused));
    }

    @Test
    void numbersWhereStringsBelongAreNeverA5xx() {
        Api api = api();
        long digits = 100_000_000_000L + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 800_000_000_000L);
        String email = Api.uniqueName("num") + "@example.com";
        Reply register = api.postRaw("/api/auth/register", "application/json",
                "{\"username\":" + digits + ",\"email\":\"" + email + "\",\"password\":\"" + Api.PASSWORD + "\"}");
        if (register.status() == 201) {
            assertEquals(Long.toString(digits), register.json().getString("username"), "accepted as text");
            assertEquals(200, login(api, Long.toString(digits), Api.PASSWORD).status());
        } else {
            assertProblem(register, 400);
        }
        Reply numericEmail = api.postRaw("/api/auth/register", "application/json",
                "{\"username\":\"" + Api.uniqueName("num") + "\",\"email\":12345,\"password\":\"" + Api.PASSWORD + "\"}");
        assertProblem(numericEmail, 400);
        Reply numericPassword = api.postRaw("/api/auth/register", "application/json",
                "{\"username\":\"" + Api.uniqueName("num") + "\",\"email\":\"" + Api.uniqueName("n") + "@example.com\",\"password\":123456789012345}");
        assertProblem(numericPassword, 400);
        Reply numericLogin = api.postRaw("/api/auth/jwt", "application/json", "{\"username\":123,\"password\":456}");
        assertClientError(numericLogin);
        Reply numericRefresh = api.postRaw("/api/auth/jwt/refresh", "application/json", "{\"refresh_token\":123}");
        assertClientError(numericRefresh);
        Reply floatExpiry = api.postRaw("/api/auth/tokens", "application/json",
                "{\"username\":\"x\",\"password\":\"y\",\"expires_in\":\"soon\"}");
        assertProblem(floatExpiry, 400);
    }

    @Test
    void missingFieldsAreNamed() {
        Api api = api();
        assertEquals(Set.of("username", "email", "password"),
                errorFields(assertProblem(api.postRaw("/api/auth/register", "application/json", "{}"), 400)));
        assertEquals(Set.of("username", "password"),
                errorFields(assertProblem(api.postRaw("/api/auth/jwt", "application/json", "{}"), 400)));
        assertEquals(Set.of("password"), errorFields(assertProblem(
                api.postRaw("/api/auth/jwt", "application/json", "{\"username\":\"someone\"}"), 400)));
        assertEquals(Set.of("refresh_token"),
                errorFields(assertProblem(api.postRaw("/api/auth/jwt/refresh", "application/json", "{}"), 400)));
        assertEquals(Set.of("username", "password"),
                errorFields(assertProblem(api.postRaw("/api/auth/tokens", "application/json", "{}"), 400)));
        assertEquals(Set.of("username", "password"), errorFields(assertProblem(
                api.postRaw("/api/auth/jwt", "application/json", "{\"username\":\"\",\"password\":\"\"}"), 400)));
    }

    @Test
    void unknownFieldsAreIgnoredAndGrantNothing() {
        Api api = api();
        String name = Api.uniqueName("extra");
        Reply reply = api.postRaw("/api/auth/register", "application/json", "{\"username\":\"" + name + "\",\"email\":\"" + name
                + "@example.com\",\"password\":\"" + Api.PASSWORD + "\",\"groups\":[\"admin\"],\"is_admin\":true,"
                + "\"disabled\":false,\"id\":\"00000000-0000-0000-0000-000000000000\",\"favourite_colour\":\"green\"}");
        assertEquals(201, reply.status(), reply.toString());
        assertEquals(List.of("user"), Api.strings(reply.json().getJsonArray("groups")));
        assertNotEquals("00000000-0000-0000-0000-000000000000", reply.json().getString("id"));
        assertEquals(Set.of("id", "username", "email", "groups", "created_at"), reply.json().keySet());
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        assertProblem(api.get("/api/admin/users", Api.token(token)), 403);

        Reply login = api.postRaw("/api/auth/jwt", "application/json",
                "{\"username\":\"" + name + "\",\"password\":\"" + Api.PASSWORD + "\",\"scope\":\"admin\",\"grant_type\":\"x\"}");
        assertEquals(200, login.status(), login.toString());
        assertEquals(List.of("user"), Api.strings(claims(login.json().getString("access_token")).getJsonArray("groups")));
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedAtRegistration() {
        Api api = api();
        String nul = esc("0000");
        String surrogate = esc("d800");
        String lowSurrogate = esc("dc00");
        for (String bad : List.of(nul, surrogate, lowSurrogate)) {
            String name = Api.uniqueName("hostile");
            Reply badName = register(api, name + bad + "x", name + "@example.com", Api.PASSWORD);
            assertEquals(Set.of("username"), errorFields(assertProblem(badName, 400, "username with " + bad)));

            Reply badPassword = register(api, name, name + "@example.com", "correct horse " + bad + " battery");
            assertEquals(Set.of("password"), errorFields(assertProblem(badPassword, 400, "password with " + bad)));

            Reply badEmail = register(api, name, name + bad + "@example.com", Api.PASSWORD);
            assertEquals(Set.of("email"), errorFields(assertProblem(badEmail, 400, "email with " + bad)));
        }
        // none of them made an account
        String name = Api.uniqueName("hostile");
        assertEquals(201, register(api, name, name + "@example.com", Api.PASSWORD).status());
    }

    @Test
    void nulAndUnpairedSurrogatesNeverLogIn() {
        Api api = api();
        String name = Api.uniqueName("hostile-login");
        api.register(name);
        for (String bad : List.of(esc("0000"), esc("d800"))) {
            for (String path : List.of("/api/auth/jwt", "/api/auth/tokens")) {
                Reply badName = api.postRaw(path, "application/json",
                        "{\"username\":\"" + name + bad + "\",\"password\":\"" + Api.PASSWORD + "\"}");
                assertClientError(badName);
                assertTrue(badName.status() == 400 || badName.status() == 401, badName.toString());
            }
            Reply badPassword = api.postRaw("/api/auth/jwt", "application/json",
                    "{\"username\":\"" + name + "\",\"password\":\"" + Api.PASSWORD + bad + "\"}");
            assertClientError(badPassword);
            assertTrue(badPassword.status() == 400 || badPassword.status() == 401, badPassword.toString());
        }
    }

    @Test
    void oversizedAuthorizationHeadersAre401() {
        String tenKb = "A".repeat(10 * 1024);
        for (String value : List.of("Token " + tenKb, "Bearer " + tenKb, "Bearer " + tenKb + "." + tenKb + "." + tenKb,
                "Token tka_" + tenKb, "Basic " + tenKb)) {
            Reply reply = api().get("/api/me", "Authorization", value);
            assertProblem(reply, 401, value.substring(0, 12) + "… (10 KB)");
        }
        String oneMb = "A".repeat(1024 * 1024);
        for (String scheme : List.of("Token ", "Bearer ")) {
            Reply reply = raw("GET /api/me HTTP/1.1\r\nAuthorization: " + scheme + oneMb + "\r\n");
            assertProblem(reply, 401, scheme + "… (1 MB)");
        }
    }

    @Test
    void emptyOrSpacedTokenSchemesAre401() {
        Api api = api();
        String name = Api.uniqueName("spaces");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        for (String value : List.of("Token", "Token ", "Token    ", "Token a b c", "Token " + token + " extra",
                "Token\t" + token, "Bearer", "Bearer ", "Bearer    ", "Tokenx " + token, token, "Token " + token.substring(1),
                "Token " + token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"))) {
            Reply reply = api().get("/api/me", "Authorization", value);
            assertProblem(reply, 401, "<" + value + ">");
        }
        // the header with the token itself does work
        assertEquals(200, api().get("/api/me", Api.token(token)).status());
    }

    @Test
    void credentialsInTheQueryStringAreNeverAccepted() {
        Api api = api();
        String name = Api.uniqueName("query");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        String jwt = jwtPair(api, name, Api.PASSWORD).getString("access_token");
        for (String query : List.of("token=" + token, "access_token=" + token, "api_token=" + token,
                "Authorization=" + enc("Token " + token), "access_token=" + jwt, "token=" + jwt)) {
            assertProblem(api.get("/api/me?" + query), 401, query);
            assertProblem(api.get("/api/auth/tokens?" + query), 401, query);
        }
        Reply create = api.send("POST", "/api/auth/tokens?token=" + token, "application/json", utf8("{}"));
        assertProblem(create, 400, "token creation with a query-string token");
        Reply list = api.get("/api/auth/tokens", Api.token(token));
        assertEquals(1, list.jsonArray().size(), "no token was made from the query string: " + list);
    }

    @Test
    void idsThatAreNotIdsAre404() {
        Api api = api();
        String name = Api.uniqueName("ids");
        api.register(name);
        String[] token = Api.token(api.createToken(name, Api.PASSWORD).getString("token"));
        for (String notAnId : List.of("not-an-id", "12345", "null", "undefined", enc("' OR '1'='1"), enc("\"; DROP TABLE accounts; --"),
                "x".repeat(2000), UUID.randomUUID().toString())) {
            assertProblem(api.delete("/api/auth/tokens/" + notAnId, token), 404, "DELETE token " + notAnId);
        }
        assertEquals(200, api.get("/api/me", token).status(), "the caller's own token was not touched");
    }

    @Test
    void wrongMediaTypesAndOversizedBodiesAreProblems() {
        Api api = api();
        assertProblem(api.postRaw("/api/auth/jwt", "text/plain", "{\"username\":\"a\",\"password\":\"b\"}"), 415);
        assertProblem(api.postRaw("/api/auth/jwt", "application/x-www-form-urlencoded", "username=a&password=b"), 415);
        String big = "{\"username\":\"" + "a".repeat(70 * 1024) + "\",\"password\":\"x\"}";
        assertProblem(api.postRaw("/api/auth/jwt", "application/json", big), 413);
        assertProblem(api.postRaw("/api/auth/register", "application/json", big), 413);
    }

    // ------------------------------------------------------------------ helpers

    private static Reply login(Api api, String username, String password) {
        return api.post("/api/auth/jwt", credentials(username, password));
    }

    private static JsonObject jwtPair(Api api, String username, String password) {
        Reply reply = login(api, username, password);
        assertEquals(200, reply.status(), "login: " + reply);
        return reply.json();
    }

    private static Reply refresh(Api api, String refreshToken) {
        return api.post("/api/auth/jwt/refresh", Json.createObjectBuilder().add("refresh_token", refreshToken).build());
    }

    private static JsonObject credentials(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build();
    }

    private static Reply register(Api api, String usernameJson, String emailJson, String passwordJson) {
        return api.postRaw("/api/auth/register", "application/json",
                "{\"username\":\"" + usernameJson + "\",\"email\":\"" + emailJson + "\",\"password\":\"" + passwordJson + "\"}");
    }

    private static Reply putPassword(Api api, String apiToken, String current, String next) {
        return putPassword(api, apiToken, current, next, false);
    }

    private static Reply putPassword(Api api, String credential, String current, String next, boolean bearer) {
        byte[] body = utf8(Json.createObjectBuilder().add("current_password", current).add("new_password", next).build().toString());
        String[] headers = credential == null ? new String[0] : bearer ? Api.bearer(credential) : Api.token(credential);
        return api.send("PUT", "/api/me/password", "application/json", body, headers);
    }

    private static Reply patchUser(Api api, String[] credential, String id, String json) {
        return api.send("PATCH", "/api/admin/users/" + id, "application/json", utf8(json), credential);
    }

    private static String[] adminToken(Api api) {
        return Api.token(api.createToken(ADMIN, ADMIN_PASSWORD).getString("token"));
    }

    private static String[] bearerOfAdmin(Api api) {
        return Api.bearer(jwtPair(api, ADMIN, ADMIN_PASSWORD).getString("access_token"));
    }

    private static JsonObject claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(payload)).readObject();
    }

    /** Asserts an RFC 9457 problem with this status, and returns it. */
    static JsonObject assertProblem(Reply reply, int status) {
        return assertProblem(reply, status, "");
    }

    static JsonObject assertProblem(Reply reply, int status, String what) {
        assertEquals(status, reply.status(), what + ": " + reply);
        assertTrue(reply.contentType().startsWith(PROBLEM), what + ": Content-Type " + reply.contentType() + " " + reply);
        JsonObject problem;
        try {
            problem = reply.json();
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": not JSON: " + reply, e);
        }
        assertEquals(status, problem.getInt("status"), what + ": " + problem);
        assertTrue(problem.containsKey("type") && problem.containsKey("title") && problem.containsKey("detail"), what + ": " + problem);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), what + ": leaks internals: " + reply);
        return problem;
    }

    /** Any 4xx problem: the server never fails with 5xx nor answers with HTML for bad input. */
    static void assertClientError(Reply reply) {
        assertTrue(reply.status() >= 400 && reply.status() < 500, reply.toString());
        assertProblem(reply, reply.status(), "client error");
    }

    private static void assertThrottled(Reply reply) {
        JsonObject problem = assertProblem(reply, 429);
        String retryAfter = reply.header("Retry-After").orElse("");
        assertTrue(retryAfter.matches("\\d+"), "Retry-After must be whole seconds: <" + retryAfter + ">");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 0 && seconds <= 900, "Retry-After " + seconds);
        assertEquals("Too Many Requests", problem.getString("title"));
    }

    private static void assertGranted(Reply reply, String what) {
        assertEquals(List.of(ORIGIN), reply.headers().allValues("Access-Control-Allow-Origin"), what + ": " + reply.headers());
        assertFalse(reply.header("Access-Control-Allow-Credentials").isPresent(), what);
    }

    private static Set<String> errorFields(JsonObject problem) {
        if (!problem.containsKey("errors")) {
            return Set.of();
        }
        return problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream().map(e -> e.getString("field"))
                .collect(Collectors.toSet());
    }

    /** The comma-separated values of a header, over all its occurrences. */
    private static Set<String> tokens(Reply reply, String header) {
        return reply.headers().allValues(header).stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Reply reply) {
        return utf8(reply.body());
    }

    /** A JSON escape {@code \\uXXXX}, written so that javac does not read it as a Unicode escape itself. */
    private static String esc(String hex) {
        return "\\" + "u" + hex;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The same letters in their full-width compatibility forms (NFKC folds them back). */
    private static String fullWidth(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c > 0x20 && c < 0x7f ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return out.toString();
    }

    /**
     * One HTTP/1.1 request on a plain socket, for what {@code HttpClient} will not send; the head is
     * given without {@code Host} and the final blank line. The whole request stays under 2 MiB.
     */
    private Reply raw(String head) {
        URI uri = URI.create(base.toString());
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        byte[] request = utf8(head + "Host: " + uri.getHost() + ":" + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(request.length < 2 * 1024 * 1024, "request of " + request.length + " bytes");
        try (Socket socket = new Socket(uri.getHost(), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading everything; read what it said
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return parse(received.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply parse(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            fail("no complete HTTP response: <" + text + ">");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        HttpHeaders httpHeaders = HttpHeaders.of(headers, (a, b) -> true);
        byte[] body = Arrays.copyOfRange(response, end + 4, response.length);
        if (httpHeaders.firstValue("Transfer-Encoding").map(v -> v.equalsIgnoreCase("chunked")).orElse(false)) {
            body = dechunk(body);
        }
        return new Reply(status, httpHeaders, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("bad chunked encoding");
    }
}
