package org.tokenauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertProblem;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.AccountsClient;
import org.tokenauth.support.AdminClient;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.JwtClient;
import org.tokenauth.support.TestServers;

/**
 * CORS: the one configured origin gets preflights and readable answers (errors included, so that a
 * browser client can show them), never with credentials mode; every other origin, however close to
 * it, gets no grant at all.
 */
class CrossOriginIT {

    static final String ORIGIN = TestServers.ALLOWED_ORIGIN;
    static final String FOREIGN_ORIGIN = "http://evil.test:9000";

    final Api api = TestServers.shared(TestServers.WITH_ALLOWED_ORIGIN).api();

    @Test
    void preflightFromAnAllowedOrigin() {
        for (String path : List.of(AccountsClient.ME, JwtClient.LOGIN, AccountsClient.PASSWORD, AdminClient.USERS + "/" + UUID.randomUUID())) {
            Reply preflight = api.options(path, "Origin", ORIGIN,
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization, content-type");
            assertEquals(204, preflight.status(), path + ": " + preflight);
            assertEquals(List.of(ORIGIN), preflight.headers().allValues("Access-Control-Allow-Origin"), path);
            Set<String> methods = preflight.headerValues("Access-Control-Allow-Methods");
            assertTrue(methods.containsAll(Set.of("GET", "POST", "PUT", "PATCH", "DELETE")), path + ": " + methods);
            Set<String> headers = preflight.headerValues("Access-Control-Allow-Headers").stream()
                    .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            assertTrue(headers.containsAll(Set.of("authorization", "content-type")), path + ": " + headers);
            String maxAge = preflight.header("Access-Control-Max-Age").orElse("");
            assertTrue(maxAge.matches("\\d+") && Long.parseLong(maxAge) > 0, "Max-Age " + maxAge);
            assertFalse(preflight.header("Access-Control-Allow-Credentials").isPresent(), path);
            assertTrue(preflight.headerValues("Vary").stream().anyMatch(v -> v.equalsIgnoreCase("Origin")), path);
        }
    }

    @Test
    void actualRequestsFromAnAllowedOriginAreGranted() {
        String name = Api.uniqueName("cors");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");

        Reply ok = api.accounts().me(concat(Api.token(token), "Origin", ORIGIN));
        assertEquals(200, ok.status(), ok.toString());
        assertGranted(ok, "200");

        Reply login = api.jwt().tryLogin(name, Api.PASSWORD, "Origin", ORIGIN);
        assertEquals(200, login.status(), login.toString());
        assertGranted(login, "login");

        Reply anonymous = api.accounts().me("Origin", ORIGIN);
        assertProblem(anonymous, 401);
        assertGranted(anonymous, "401 without credential");

        Reply wrongPassword = api.jwt().tryLogin(name, "not the password", "Origin", ORIGIN);
        assertProblem(wrongPassword, 401);
        assertGranted(wrongPassword, "401 on a wrong password");
    }

    @Test
    void rejectedCredentialsFromAnAllowedOriginAreReadableToo() {
        Reply badToken = api.accounts().me("Authorization", "Token tka_notarealtoken", "Origin", ORIGIN);
        assertProblem(badToken, 401);
        assertGranted(badToken, "401 for a malformed API token");

        Reply badJwt = api.accounts().me("Authorization", "Bearer not.a.jwt", "Origin", ORIGIN);
        assertProblem(badJwt, 401);
        assertGranted(badJwt, "401 for a bearer token that is not a JWT");
    }

    @Test
    void otherOriginsGetNoGrant() {
        String name = Api.uniqueName("foreign");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        for (String origin : List.of(FOREIGN_ORIGIN, "http://client.test:9001", "https://client.test:9000",
                "http://sub.client.test:9000", "http://client.test:9000.evil.test", "http://client.test", "null",
                "http://client.test:9000/", "*")) {
            Reply preflight = api.options(AccountsClient.ME, "Origin", origin, "Access-Control-Request-Method", "GET");
            assertFalse(preflight.header("Access-Control-Allow-Origin").isPresent(), origin + " preflight: " + preflight.headers());
            assertFalse(preflight.header("Access-Control-Allow-Methods").isPresent(), origin);
            assertFalse(preflight.header("Access-Control-Allow-Credentials").isPresent(), origin);
            assertNotEquals(500, preflight.status());

            Reply actual = api.accounts().me(concat(Api.token(token), "Origin", origin));
            assertEquals(200, actual.status(), origin + ": the request itself is answered, only not granted");
            assertFalse(actual.header("Access-Control-Allow-Origin").isPresent(), origin + " actual: " + actual.headers());
            assertFalse(actual.header("Access-Control-Allow-Credentials").isPresent(), origin);

            Reply anonymous = api.accounts().me("Origin", origin);
            assertProblem(anonymous, 401);
            assertFalse(anonymous.header("Access-Control-Allow-Origin").isPresent(), origin + " 401: " + anonymous.headers());
        }
    }

    private static void assertGranted(Reply reply, String what) {
        assertEquals(List.of(ORIGIN), reply.headers().allValues("Access-Control-Allow-Origin"), what + ": " + reply.headers());
        assertFalse(reply.header("Access-Control-Allow-Credentials").isPresent(), what);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
