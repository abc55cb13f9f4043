package org.tokenauth.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tokenauth.support.Problems.assertClientError;
import static org.tokenauth.support.Problems.assertProblem;
import static org.tokenauth.support.Problems.errorFields;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.AccountsClient;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.ApiTokensClient;
import org.tokenauth.support.JwtClient;
import org.tokenauth.support.Jwts;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;

/**
 * Hostile and malformed input: broken JSON, bodies of the wrong shape or types, NUL and unpaired
 * surrogates, unknown fields, oversized and oddly spaced credentials, credentials in the query
 * string, ids that are not ids, wrong media types and bodies over the limit. Always a 4xx problem,
 * never a 5xx, never HTML, and never anything made or granted.
 *
 * <p>The requests that the typed clients cannot make go as text to the clients' paths; {@link Api}
 * talks HTTP/1.1, and what the JDK's client will not send at all goes over a plain socket
 * ({@code raw}). Over HTTP/2, oversized headers break the server's HTTP/2 state for unrelated
 * requests, which {@code security/Http2HeadersIT} shows on a server of its own.
 */
class HostileInputIT {

    /** Every endpoint that reads a JSON body without a credential. */
    static final List<String> PUBLIC_BODIES = List.of(AccountsClient.REGISTER, JwtClient.LOGIN, JwtClient.REFRESH, ApiTokensClient.TOKENS);

    final TestServer server = TestServers.shared(TestServers.WITH_ALLOWED_ORIGIN);
    final Api api = server.api();

    @Test
    void malformedJsonIs400() {
        for (String path : PUBLIC_BODIES) {
            for (String body : List.of("{", "{\"username\":", "not json", "{\"username\":\"a\",}", "{'username':'a'}", "")) {
                Reply reply = api.postRaw(path, "application/json", body);
                assertProblem(reply, 400, path + " <" + body + ">");
            }
        }
    }

    @Test
    void bodiesOfTheWrongShapeAre400() {
        List<String> notRefused = new ArrayList<>();
        for (String path : PUBLIC_BODIES) {
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
        long digits = 100_000_000_000L + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 800_000_000_000L);
        String email = Api.uniqueName("num") + "@example.com";
        Reply register = api.accounts().registerRaw("application/json",
                "{\"username\":" + digits + ",\"email\":\"" + email + "\",\"password\":\"" + Api.PASSWORD + "\"}");
        if (register.status() == 201) {
            assertEquals(Long.toString(digits), register.json().getString("username"), "accepted as text");
            assertEquals(200, api.jwt().tryLogin(Long.toString(digits), Api.PASSWORD).status());
        } else {
            assertProblem(register, 400);
        }
        Reply numericEmail = api.accounts().registerRaw("application/json",
                "{\"username\":\"" + Api.uniqueName("num") + "\",\"email\":12345,\"password\":\"" + Api.PASSWORD + "\"}");
        assertProblem(numericEmail, 400);
        Reply numericPassword = api.accounts().registerRaw("application/json",
                "{\"username\":\"" + Api.uniqueName("num") + "\",\"email\":\"" + Api.uniqueName("n") + "@example.com\",\"password\":123456789012345}");
        assertProblem(numericPassword, 400);
        Reply numericLogin = api.postRaw(JwtClient.LOGIN, "application/json", "{\"username\":123,\"password\":456}");
        assertClientError(numericLogin);
        Reply numericRefresh = api.postRaw(JwtClient.REFRESH, "application/json", "{\"refresh_token\":123}");
        assertClientError(numericRefresh);
        Reply floatExpiry = api.tokens().create(Json.createObjectBuilder(Api.credentials("x", "y")).add("expires_in", "soon").build());
        assertProblem(floatExpiry, 400);
    }

    @Test
    void missingFieldsAreNamed() {
        assertEquals(Set.of("username", "email", "password"),
                errorFields(assertProblem(api.accounts().register(JsonValue.EMPTY_JSON_OBJECT), 400)));
        assertEquals(Set.of("username", "password"), errorFields(assertProblem(api.jwt().login(JsonValue.EMPTY_JSON_OBJECT), 400)));
        assertEquals(Set.of("password"), errorFields(assertProblem(
                api.jwt().login(Json.createObjectBuilder().add("username", "someone").build()), 400)));
        assertEquals(Set.of("refresh_token"), errorFields(assertProblem(api.jwt().refresh(JsonValue.EMPTY_JSON_OBJECT), 400)));
        assertEquals(Set.of("username", "password"), errorFields(assertProblem(api.tokens().create(JsonValue.EMPTY_JSON_OBJECT), 400)));
        assertEquals(Set.of("username", "password"), errorFields(assertProblem(api.jwt().tryLogin("", ""), 400)));
    }

    @Test
    void unknownFieldsAreIgnoredAndGrantNothing() {
        String name = Api.uniqueName("extra");
        Reply reply = api.accounts().register(Json.createObjectBuilder(AccountsClient.registration(name, name + "@example.com", Api.PASSWORD))
                .add("groups", Json.createArrayBuilder().add("admin")).add("is_admin", true).add("disabled", false)
                .add("id", "00000000-0000-0000-0000-000000000000").add("favourite_colour", "green").build());
        assertEquals(201, reply.status(), reply.toString());
        assertEquals(List.of("user"), Api.strings(reply.json().getJsonArray("groups")));
        assertNotEquals("00000000-0000-0000-0000-000000000000", reply.json().getString("id"));
        assertEquals(Set.of("id", "username", "email", "groups", "created_at"), reply.json().keySet());
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        assertProblem(api.admin().users(null, null, Api.token(token)), 403);

        Reply login = api.jwt().login(Json.createObjectBuilder(Api.credentials(name, Api.PASSWORD)).add("scope", "admin")
                .add("grant_type", "x").build());
        assertEquals(200, login.status(), login.toString());
        assertEquals(List.of("user"), Api.strings(Jwts.claims(login.json().getString("access_token")).getJsonArray("groups")));
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedAtRegistration() {
        String nul = esc("0000");
        String surrogate = esc("d800");
        String lowSurrogate = esc("dc00");
        for (String bad : List.of(nul, surrogate, lowSurrogate)) {
            String name = Api.uniqueName("hostile");
            Reply badName = register(name + bad + "x", name + "@example.com", Api.PASSWORD);
            assertEquals(Set.of("username"), errorFields(assertProblem(badName, 400, "username with " + bad)));

            Reply badPassword = register(name, name + "@example.com", "correct horse " + bad + " battery");
            assertEquals(Set.of("password"), errorFields(assertProblem(badPassword, 400, "password with " + bad)));

            Reply badEmail = register(name, name + bad + "@example.com", Api.PASSWORD);
            assertEquals(Set.of("email"), errorFields(assertProblem(badEmail, 400, "email with " + bad)));
        }
        // none of them made an account
        String name = Api.uniqueName("hostile");
        assertEquals(201, register(name, name + "@example.com", Api.PASSWORD).status());
    }

    @Test
    void nulAndUnpairedSurrogatesNeverLogIn() {
        String name = Api.uniqueName("hostile-login");
        api.register(name);
        for (String bad : List.of(esc("0000"), esc("d800"))) {
            for (String path : List.of(JwtClient.LOGIN, ApiTokensClient.TOKENS)) {
                Reply badName = api.postRaw(path, "application/json",
                        "{\"username\":\"" + name + bad + "\",\"password\":\"" + Api.PASSWORD + "\"}");
                assertClientError(badName);
                assertTrue(badName.status() == 400 || badName.status() == 401, badName.toString());
            }
            Reply badPassword = api.postRaw(JwtClient.LOGIN, "application/json",
                    "{\"username\":\"" + name + "\",\"password\":\"" + Api.PASSWORD + bad + "\"}");
            assertClientError(badPassword);
            assertTrue(badPassword.status() == 400 || badPassword.status() == 401, badPassword.toString());
        }
    }

    @Test
    void largeAuthorizationHeadersUnderTheHeaderLimitAre401() {
        String tenKb = "A".repeat(10 * 1024);
        for (String value : List.of("Token " + tenKb, "Bearer " + tenKb, "Token tka_" + tenKb, "Basic " + tenKb)) {
            Reply reply = api.accounts().me("Authorization", value);
            assertProblem(reply, 401, value.substring(0, 12) + "… (10 KB)");
        }
    }

    /**
     * Request headers over the server's limit (16 KiB) are refused by the server itself, before the
     * application: a 400 (or 413, 431) of its own, which no error page of ours can turn into a
     * problem; and the server goes on serving. Issue 10: at 2 MiB, 300 slow clients sending such
     * headers took a server down.
     */
    @Test
    void headersOverTheHeaderLimitAreRefusedByTheServerWhichGoesOnServing() {
        String tenKb = "A".repeat(10 * 1024);
        String oneMb = "A".repeat(1024 * 1024);
        for (String value : List.of("Bearer " + tenKb + "." + tenKb + "." + tenKb, "Token " + oneMb, "Bearer " + oneMb)) {
            Reply reply = raw("GET " + AccountsClient.ME + " HTTP/1.1\r\nAuthorization: " + value + "\r\n");
            String what = value.substring(0, 7) + "… (" + value.length() / 1024 + " KB)";
            assertTrue(Set.of(400, 413, 431).contains(reply.status()), what + ": " + reply);
            assertEquals(200, api.jwt().jwks().status(), what + ": the server goes on serving");
        }
    }

    /**
     * Issue 10, item 7: Parsson's own nesting limit threw a plain runtime exception (a 500 with a stack
     * trace in the log); bodies may nest at most 32 levels deep, checked before any parser goes that
     * far.
     */
    @Test
    void deeplyNestedJsonIsA400() {
        String name = Api.uniqueName("nested");
        api.register(name);
        String[] admin = api.admin().asAdministrator();
        String id = api.accounts().me(admin).json().getString("id");
        for (int depth : new int[] {33, 1000, 5000}) {
            String deep = "[".repeat(depth) + "]".repeat(depth);
            String body = "{\"username\":\"" + name + "\",\"password\":" + deep + "}";
            for (Reply reply : List.of(api.postRaw(JwtClient.LOGIN, "application/json", body),
                    api.postRaw(AccountsClient.REGISTER, "application/json", body),
                    api.admin().patch(id, "application/json", "{\"groups\":" + deep + "}", admin))) {
                assertProblem(reply, 400, "nested " + depth + " deep");
                assertTrue(reply.json().getString("detail").contains("nested"), reply.toString());
            }
        }
        // 32 levels are still JSON this server reads (and then refuses for what they are)
        String thirtyOne = "[".repeat(31) + "]".repeat(31);
        assertProblem(api.postRaw(JwtClient.LOGIN, "application/json", "{\"username\":\"" + name + "\",\"password\":" + thirtyOne + "}"),
                400, "31 levels inside the object");
    }

    /**
     * Two {@code Authorization} headers: the first used to win here, while a proxy that reads the last
     * one would see another credential. Both are refused, whatever they hold.
     */
    @Test
    void twoAuthorizationHeadersAreA400() {
        String name = Api.uniqueName("two-headers");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        String jwt = api.jwt().login(name, Api.PASSWORD).getString("access_token");
        for (String second : List.of("Token " + token, "Bearer " + jwt, "Token tka_nonsense", "Basic YTpi")) {
            Reply reply = raw("GET " + AccountsClient.ME + " HTTP/1.1\r\nAuthorization: Token " + token + "\r\nAuthorization: " + second + "\r\n");
            JsonObject problem = assertProblem(reply, 400, "with a second header <" + second.substring(0, 10) + "…>");
            assertTrue(problem.getString("detail").contains("Authorization"), problem.toString());
        }
        assertEquals(200, api.accounts().me(Api.token(token)).status(), "one header is fine");
    }

    /** Jersey's WADL listed every resource, and the Jersey version, to anyone: it is off. */
    @Test
    void noWadlDescribesTheApi() {
        assertProblem(api.send("GET", "/api/application.wadl", null, null), 404, "application.wadl");
        Reply options = api.send("OPTIONS", AccountsClient.ME, null, null);
        assertFalse(options.contentType().contains("wadl"), options.toString());
        assertFalse(options.body().contains("<application") || options.body().contains("wadl"), options.toString());
    }

    /**
     * A header with a byte that is not ASCII, such as the README's own {@code Token tka_…} pasted as
     * it stands. Payara's HTTP layer refuses it with a bare 400 before the application (the README's
     * troubleshooting says so, and its examples are paste-safe); other servers pass it on and the
     * application refuses the credential. Either way a client error, and the server goes on serving.
     */
    @Test
    void aNonAsciiByteInAHeaderIsAClientError() {
        Reply reply = raw("GET " + AccountsClient.ME + " HTTP/1.1\r\nAuthorization: Token tka_\u2026\r\n");
        assertTrue(reply.status() == 400 || reply.status() == 401, reply.toString());
        assertEquals(200, api.jwt().jwks().status());
    }

    @Test
    void emptyOrSpacedTokenSchemesAre401() {
        String name = Api.uniqueName("spaces");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        for (String value : List.of("Token", "Token ", "Token    ", "Token a b c", "Token " + token + " extra",
                "Token\t" + token, "Bearer", "Bearer ", "Bearer    ", "Tokenx " + token, token, "Token " + token.substring(1),
                "Token " + token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"))) {
            Reply reply = api.accounts().me("Authorization", value);
            if (value.contains("\t") && !server.keepsTabsInHeaderValues()) {
                // the server hands the application "Token <token>": a tab is never seen, and the token is good
                assertEquals(200, reply.status(), "<" + value + "> on " + server + ": " + reply);
                continue;
            }
            assertProblem(reply, 401, "<" + value + ">");
        }
        // the header with the token itself does work
        assertEquals(200, api.accounts().me(Api.token(token)).status());
    }

    @Test
    void credentialsInTheQueryStringAreNeverAccepted() {
        String name = Api.uniqueName("query");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        String jwt = api.jwt().login(name, Api.PASSWORD).getString("access_token");
        for (String query : List.of("token=" + token, "access_token=" + token, "api_token=" + token,
                "Authorization=" + Api.urlEncoded("Token " + token), "access_token=" + jwt, "token=" + jwt)) {
            assertProblem(api.get(AccountsClient.ME + "?" + query), 401, query);
            assertProblem(api.get(ApiTokensClient.TOKENS + "?" + query), 401, query);
        }
        Reply create = api.postRaw(ApiTokensClient.TOKENS + "?token=" + token, "application/json", "{}");
        assertProblem(create, 400, "token creation with a query-string token");
        Reply list = api.tokens().list(Api.token(token));
        assertEquals(1, list.jsonArray().size(), "no token was made from the query string: " + list);
    }

    @Test
    void idsThatAreNotIdsAre404() {
        String name = Api.uniqueName("ids");
        api.register(name);
        String[] token = Api.token(api.createToken(name, Api.PASSWORD).getString("token"));
        for (String notAnId : List.of("not-an-id", "12345", "null", "undefined", Api.urlEncoded("' OR '1'='1"),
                Api.urlEncoded("\"; DROP TABLE accounts; --"), "x".repeat(2000), UUID.randomUUID().toString())) {
            assertProblem(api.tokens().revoke(notAnId, token), 404, "DELETE token " + notAnId);
        }
        assertEquals(200, api.accounts().me(token).status(), "the caller's own token was not touched");
    }

    @Test
    void wrongMediaTypesAndOversizedBodiesAreProblems() {
        assertProblem(api.postRaw(JwtClient.LOGIN, "text/plain", Api.credentials("a", "b").toString()), 415);
        assertProblem(api.postRaw(JwtClient.LOGIN, "application/x-www-form-urlencoded", "username=a&password=b"), 415);
        String big = "{\"username\":\"" + "a".repeat(70 * 1024) + "\",\"password\":\"x\"}";
        assertProblem(api.postRaw(JwtClient.LOGIN, "application/json", big), 413);
        assertProblem(api.accounts().registerRaw("application/json", big), 413);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A registration written as JSON text, so that the values can hold JSON escapes that JSON-P
     * would never write (an unpaired surrogate).
     */
    private Reply register(String usernameJson, String emailJson, String passwordJson) {
        return api.accounts().registerRaw("application/json",
                "{\"username\":\"" + usernameJson + "\",\"email\":\"" + emailJson + "\",\"password\":\"" + passwordJson + "\"}");
    }

    /** A JSON escape {@code \\uXXXX}, written so that javac does not read it as a Unicode escape itself. */
    private static String esc(String hex) {
        return "\\" + "u" + hex;
    }

    /**
     * One HTTP/1.1 request on a plain socket, for what {@code HttpClient} will not send; the head is
     * given without {@code Host} and the final blank line. The whole request stays under 2 MiB.
     */
    private Reply raw(String head) {
        URI uri = URI.create(server.base().toString());
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        byte[] request = (head + "Host: " + uri.getHost() + ":" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
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
