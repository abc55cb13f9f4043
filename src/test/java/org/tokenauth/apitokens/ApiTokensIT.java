package org.tokenauth.apitokens;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertInvalid;
import static org.tokenauth.support.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServers;

/**
 * API tokens ({@code Authorization: Token …}): making them (by password or by another credential),
 * listing, using, revoking one or all, and every way a presented token or header can be wrong. Also
 * the administrator that configuration creates at start.
 */
class ApiTokensIT {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final Pattern TOKEN_SHAPE = Pattern.compile("tka_[A-Za-z0-9_-]{44,}");
    private static final Set<String> ISSUED_KEYS = Set.of("id", "token", "token_type", "name", "prefix", "created_at", "expires_at",
            "scopes");
    private static final Set<String> LISTED_KEYS = Set.of("id", "name", "prefix", "created_at", "last_used_at", "expires_at", "scopes");

    final Api api = TestServers.shared().api();

    // ---- making a token ----

    @Test
    void createsATokenByPasswordWithTheContractShape() {
        String name = Api.uniqueName("tok");
        api.register(name);
        Api.Reply reply = api.tokens().create(credentials(name, Api.PASSWORD).add("name", "ci runner").build());
        assertEquals(201, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        assertEquals("no-store", reply.header("Cache-Control").orElse(""), reply.headers().map().toString());

        JsonObject issued = reply.json();
        assertEquals(ISSUED_KEYS, issued.keySet(), issued.toString());
        String token = issued.getString("token");
        assertTrue(token.startsWith("tka_"), token);
        assertTrue(TOKEN_SHAPE.matcher(token).matches(), "tka_, at least 256 bits in base64url, a checksum: " + token);
        assertEquals(token.substring(0, 12), issued.getString("prefix"));
        assertEquals("Token", issued.getString("token_type"));
        assertEquals("ci runner", issued.getString("name"));
        assertTimestamp(issued.getString("created_at"));
        assertEquals(JsonValue.NULL, issued.get("expires_at"), "no expiry unless asked for: " + issued);
        assertFalse(issued.getString("id").isBlank());

        // and it works
        Api.Reply me = api.accounts().me(Api.token(token));
        assertEquals(200, me.status(), me.toString());
        assertEquals(name, me.json().getString("username"));
    }

    @Test
    void everyTokenIsDifferent() {
        String name = Api.uniqueName("distinct");
        api.register(name);
        JsonObject first = api.createToken(name, Api.PASSWORD);
        JsonObject second = api.createToken(name, Api.PASSWORD);
        assertNotEquals(first.getString("token"), second.getString("token"));
        assertNotEquals(first.getString("id"), second.getString("id"));
        assertNotEquals(first.getString("prefix"), second.getString("prefix"));
    }

    @Test
    void createsATokenWithAnExistingTokenHeaderAndNoBody() {
        String name = Api.uniqueName("byheader");
        String userId = api.register(name).getString("id");
        String first = api.createToken(name, Api.PASSWORD).getString("token");

        Api.Reply reply = api.tokens().createWithoutBody(Api.token(first));
        assertEquals(201, reply.status(), reply.toString());
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        JsonObject issued = reply.json();
        assertEquals(ISSUED_KEYS, issued.keySet(), issued.toString());
        String second = issued.getString("token");
        assertNotEquals(first, second);

        JsonObject me = api.accounts().me(Api.token(second)).json();
        assertEquals(userId, me.getString("id"));
        assertEquals(issued.getString("id"), me.getJsonObject("auth").getString("token_id"));
        // the first one keeps working
        assertEquals(200, api.accounts().me(Api.token(first)).status());

        // also with a JSON body that only names the token
        Api.Reply named = api.tokens().create(Json.createObjectBuilder().add("name", "from a token").build(), Api.token(first));
        assertEquals(201, named.status(), named.toString());
        assertEquals("from a token", named.json().getString("name"));
        assertEquals(userId, api.accounts().me(Api.token(named.json().getString("token"))).json().getString("id"));
    }

    @Test
    void aRevokedTokenCannotMakeANewToken() {
        String name = Api.uniqueName("revmake");
        api.register(name);
        JsonObject issued = api.createToken(name, Api.PASSWORD);
        String token = issued.getString("token");
        assertEquals(204, api.tokens().revoke(issued.getString("id"), Api.token(token)).status());
        assertUnauthorized(api.tokens().createWithoutBody(Api.token(token)));
        assertUnauthorized(api.tokens().create(Json.createObjectBuilder().add("name", "again").build(), Api.token(token)));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401() {
        String name = Api.uniqueName("wrongpw");
        api.register(name);

        Api.Reply wrongPassword = api.tokens().tryCreate(name, Api.PASSWORD + "!");
        Api.Reply unknownUser = api.tokens().tryCreate(Api.uniqueName("nobody"), Api.PASSWORD);
        assertUnauthorized(wrongPassword);
        assertUnauthorized(unknownUser);
        assertEquals(wrongPassword.json(), unknownUser.json(), "the answer may not tell which was wrong");
        assertEquals(wrongPassword.header("WWW-Authenticate"), unknownUser.header("WWW-Authenticate"));
        assertEquals(wrongPassword.body(), unknownUser.body());

        // the same password in another case is another password
        Api.Reply otherCase = api.tokens().tryCreate(name, Api.PASSWORD.toUpperCase(Locale.ROOT));
        assertUnauthorized(otherCase);
        assertEquals(wrongPassword.body(), otherCase.body());
    }

    @Test
    void expiresInSetsExpiresAt() {
        String name = Api.uniqueName("expiring");
        api.register(name);
        for (long seconds : List.of(1L, 3600L, 30L * 24 * 3600)) {
            Api.Reply reply = api.tokens().create(credentials(name, Api.PASSWORD).add("expires_in", seconds).build());
            assertEquals(201, reply.status(), reply.toString());
            JsonObject issued = reply.json();
            Instant created = Instant.parse(assertTimestamp(issued.getString("created_at")));
            Instant expires = Instant.parse(assertTimestamp(issued.getString("expires_at")));
            long difference = expires.getEpochSecond() - created.getEpochSecond();
            assertTrue(Math.abs(difference - seconds) <= 1, "expires_in " + seconds + " gave " + issued);
        }
        // null is "never", as if absent
        Api.Reply never = api.tokens().create(credentials(name, Api.PASSWORD).addNull("expires_in").build());
        assertEquals(201, never.status(), never.toString());
        assertEquals(JsonValue.NULL, never.json().get("expires_at"));
    }

    @Test
    void meShowsTheExpiryOfTheTokenUsed() {
        String name = Api.uniqueName("meexp");
        api.register(name);
        Api.Reply reply = api.tokens().create(credentials(name, Api.PASSWORD).add("expires_in", 7200).build());
        assertEquals(201, reply.status(), reply.toString());
        JsonObject issued = reply.json();

        JsonObject auth = api.accounts().me(Api.token(issued.getString("token"))).json().getJsonObject("auth");
        assertEquals(issued.getString("expires_at"), assertTimestamp(auth.getString("expires_at")),
                "one token, one expires_at, in the API's one timestamp form: " + auth);
        JsonObject listed = api.tokens().list(Api.token(issued.getString("token"))).jsonArray().getJsonObject(0);
        assertEquals(issued.getString("expires_at"), listed.getString("expires_at"));
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        String name = Api.uniqueName("expired");
        api.register(name);
        Api.Reply reply = api.tokens().create(credentials(name, Api.PASSWORD).add("expires_in", 2).build());
        assertEquals(201, reply.status(), reply.toString());
        Instant expires = Instant.parse(reply.json().getString("expires_at"));
        // used while it is live, so that the server has it in memory when it expires
        Api.Reply live = api.accounts().me(Api.token(reply.json().getString("token")));
        assertTrue(live.status() == 200 || Instant.now().isAfter(expires), live.toString());
        // wait until well past expires_at
        while (Instant.now().isBefore(expires.plusSeconds(2))) {
            Thread.sleep(250);
        }
        assertUnauthorized(api.accounts().me(Api.token(reply.json().getString("token"))));
        assertUnauthorized(api.tokens().createWithoutBody(Api.token(reply.json().getString("token"))));
    }

    @Test
    void invalidExpiresInIsA400() {
        String name = Api.uniqueName("badexp");
        api.register(name);
        assertAll(List.of(0L, -5L, 10L * 366 * 24 * 3600 + 1, Long.MIN_VALUE).stream().map(seconds -> () ->
                assertInvalid(api.tokens().create(credentials(name, Api.PASSWORD).add("expires_in", seconds).build()), "expires_in")));
        Api.Reply text = api.tokens().create(credentials(name, Api.PASSWORD).add("expires_in", "abc").build());
        assertProblem(text, 400);
        Api.Reply object = api.tokens().create(credentials(name, Api.PASSWORD).add("expires_in", JsonValue.EMPTY_JSON_OBJECT).build());
        assertProblem(object, 400);
        // nothing was made by any of them
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        assertEquals(1, api.tokens().list(Api.token(token)).jsonArray().size());
    }

    @Test
    void nameOf65CharactersIsA400And64IsAccepted() {
        String name = Api.uniqueName("tokname");
        api.register(name);
        assertInvalid(api.tokens().create(credentials(name, Api.PASSWORD).add("name", "n".repeat(65)).build()), "name");
        Api.Reply plain = api.tokens().create(credentials(name, Api.PASSWORD).add("name", "m".repeat(64)).build());
        assertEquals(201, plain.status(), plain.toString());
        assertEquals("m".repeat(64), plain.json().getString("name"));
        // characters, not UTF-16 units: 64 emoji are 64 characters
        String longest = "\uD83D\uDD11".repeat(64);
        Api.Reply ok = api.tokens().create(credentials(name, Api.PASSWORD).add("name", longest).build());
        assertEquals(201, ok.status(), ok.toString());
        assertEquals(longest, ok.json().getString("name"));
        String token = ok.json().getString("token");
        assertEquals(longest, api.tokens().list(Api.token(token)).jsonArray().getJsonObject(0).getString("name"));
    }

    @Test
    void missingCredentialsInTheBodyAreNamed() {
        assertInvalid(api.tokens().create(Json.createObjectBuilder().build()), "username", "password");
        assertInvalid(api.tokens().create(Json.createObjectBuilder().add("username", "someone").build()), "password");
    }

    // ---- listing ----

    @Test
    void listsTheCallersTokensNewestFirstWithoutTheSecrets() {
        String name = Api.uniqueName("lister");
        api.register(name);
        String other = Api.uniqueName("otherlister");
        api.register(other);
        String othersToken = api.createToken(other, Api.PASSWORD).getString("token");

        List<JsonObject> made = new java.util.ArrayList<>();
        for (String tokenName : List.of("first", "second", "third")) {
            Api.Reply reply = api.tokens().create(credentials(name, Api.PASSWORD).add("name", tokenName).build());
            assertEquals(201, reply.status(), reply.toString());
            made.add(reply.json());
        }
        Api.Reply reply = api.tokens().list(Api.token(made.get(0).getString("token")));
        assertEquals(200, reply.status(), reply.toString());
        List<JsonObject> listed = reply.jsonArray().getValuesAs(JsonObject.class);
        assertEquals(List.of("third", "second", "first"), listed.stream().map(t -> t.getString("name")).toList(), reply.body());
        for (int i = 0; i < 3; i++) {
            JsonObject t = listed.get(i);
            JsonObject issued = made.get(2 - i);
            assertEquals(LISTED_KEYS, t.keySet(), t.toString());
            assertEquals(issued.getString("id"), t.getString("id"));
            assertEquals(issued.getString("prefix"), t.getString("prefix"));
            assertEquals(issued.getString("created_at"), t.getString("created_at"));
            assertEquals(JsonValue.NULL, t.get("expires_at"));
        }
        for (int i = 1; i < 3; i++) {
            assertFalse(Instant.parse(listed.get(i - 1).getString("created_at"))
                    .isBefore(Instant.parse(listed.get(i).getString("created_at"))), reply.body());
        }
        for (JsonObject issued : made) {
            assertFalse(reply.body().contains(issued.getString("token")), "a listed secret: " + reply.body());
            assertFalse(reply.body().contains(issued.getString("token").substring(12)), "a listed secret: " + reply.body());
        }
        assertFalse(reply.body().contains(othersToken.substring(0, 12)), "another user's token is listed: " + reply.body());
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
    }

    @Test
    void lastUsedAtIsSetAfterAUse() {
        String name = Api.uniqueName("lastused");
        api.register(name);
        JsonObject lister = api.createToken(name, Api.PASSWORD);
        JsonObject used = api.createToken(name, Api.PASSWORD);

        JsonObject before = find(api.tokens().list(Api.token(lister.getString("token"))).jsonArray()
                .getValuesAs(JsonObject.class), used.getString("id"));
        assertEquals(JsonValue.NULL, before.get("last_used_at"), "never used yet: " + before);

        assertEquals(200, api.accounts().me(Api.token(used.getString("token"))).status());

        List<JsonObject> after = api.tokens().list(Api.token(lister.getString("token"))).jsonArray().getValuesAs(JsonObject.class);
        JsonObject usedNow = find(after, used.getString("id"));
        Instant lastUsed = Instant.parse(assertTimestamp(usedNow.getString("last_used_at")));
        assertFalse(lastUsed.isBefore(Instant.parse(used.getString("created_at"))), usedNow.toString());
        // the lister was used too, by the list requests themselves
        JsonObject listerNow = find(after, lister.getString("id"));
        assertTimestamp(listerNow.getString("last_used_at"));
    }

    // ---- /api/me ----

    @Test
    void meWithATokenShowsTheUserAndTheCredential() {
        String name = Api.uniqueName("meuser");
        JsonObject user = api.register(name);
        JsonObject issued = api.createToken(name, Api.PASSWORD);

        Api.Reply reply = api.accounts().me(Api.token(issued.getString("token")));
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        JsonObject me = reply.json();
        assertEquals(Set.of("id", "username", "email", "groups", "created_at", "auth"), me.keySet(), me.toString());
        assertEquals(user.getString("id"), me.getString("id"));
        assertEquals(name, me.getString("username"));
        assertEquals(name + "@example.com", me.getString("email"));
        assertEquals(List.of("user"), Api.strings(me.getJsonArray("groups")));
        assertEquals(user.getString("created_at"), assertTimestamp(me.getString("created_at")));

        JsonObject auth = me.getJsonObject("auth");
        assertEquals(Set.of("method", "expires_at", "token_id", "roles", "scopes"), auth.keySet(), auth.toString());
        assertEquals("token", auth.getString("method"));
        assertEquals(JsonValue.NULL, auth.get("expires_at"));
        assertEquals(issued.getString("id"), auth.getString("token_id"));
    }

    // ---- revoking ----

    @Test
    void revokingOneTokenStopsItAtOnceAndLeavesTheOthers() {
        String name = Api.uniqueName("revoke1");
        api.register(name);
        JsonObject keeper = api.createToken(name, Api.PASSWORD);
        JsonObject doomed = api.createToken(name, Api.PASSWORD);
        assertEquals(200, api.accounts().me(Api.token(doomed.getString("token"))).status());

        Api.Reply revoked = api.tokens().revoke(doomed.getString("id"), Api.token(keeper.getString("token")));
        assertEquals(204, revoked.status(), revoked.toString());
        assertEquals("", revoked.body());

        assertUnauthorized(api.accounts().me(Api.token(doomed.getString("token"))));
        assertEquals(200, api.accounts().me(Api.token(keeper.getString("token"))).status());
        List<String> ids = api.tokens().list(Api.token(keeper.getString("token"))).jsonArray().getValuesAs(JsonObject.class)
                .stream().map(t -> t.getString("id")).toList();
        assertEquals(List.of(keeper.getString("id")), ids);
        // a second time: it is gone
        assertProblem(api.tokens().revoke(doomed.getString("id"), Api.token(keeper.getString("token"))), 404);

        // a token can revoke itself
        Api.Reply self = api.tokens().revoke(keeper.getString("id"), Api.token(keeper.getString("token")));
        assertEquals(204, self.status(), self.toString());
        assertUnauthorized(api.accounts().me(Api.token(keeper.getString("token"))));
    }

    @Test
    void anotherUsersTokenIdIs404AndTheTokenKeepsWorking() {
        String alice = Api.uniqueName("alice");
        String mallory = Api.uniqueName("mallory");
        api.register(alice);
        api.register(mallory);
        JsonObject alicesToken = api.createToken(alice, Api.PASSWORD);
        String mallorysToken = api.createToken(mallory, Api.PASSWORD).getString("token");

        assertProblem(api.tokens().revoke(alicesToken.getString("id"), Api.token(mallorysToken)), 404);
        assertEquals(200, api.accounts().me(Api.token(alicesToken.getString("token"))).status());
        assertEquals(1, api.tokens().list(Api.token(alicesToken.getString("token"))).jsonArray().size());
    }

    @Test
    void unknownAndNonUuidIdsAre404Problems() {
        String name = Api.uniqueName("badid");
        api.register(name);
        JsonObject issued = api.createToken(name, Api.PASSWORD);
        String token = issued.getString("token");
        for (String id : List.of("not-a-uuid", "12345", java.util.UUID.randomUUID().toString(),
                issued.getString("id").toUpperCase(Locale.ROOT) + "0", "%20")) {
            assertProblem(api.tokens().revoke(id, Api.token(token)), 404);
        }
        assertEquals(200, api.accounts().me(Api.token(token)).status());
    }

    @Test
    void revokingAllTokensStopsEveryOneOfTheCallersOnly() {
        String name = Api.uniqueName("revokeall");
        String other = Api.uniqueName("bystander");
        api.register(name);
        api.register(other);
        List<String> mine = List.of(api.createToken(name, Api.PASSWORD).getString("token"),
                api.createToken(name, Api.PASSWORD).getString("token"),
                api.createToken(name, Api.PASSWORD).getString("token"));
        String theirs = api.createToken(other, Api.PASSWORD).getString("token");

        Api.Reply reply = api.tokens().revokeAll(Api.token(mine.get(1)));
        assertEquals(204, reply.status(), reply.toString());
        for (String token : mine) {
            assertUnauthorized(api.accounts().me(Api.token(token)));
        }
        Api.Reply stillThere = api.accounts().me(Api.token(theirs));
        assertEquals(200, stillThere.status(), stillThere.toString());
        assertEquals(other, stillThere.json().getString("username"));
        assertEquals(1, api.tokens().list(Api.token(theirs)).jsonArray().size());

        // the password still makes new tokens, and the list starts empty again
        String fresh = api.createToken(name, Api.PASSWORD).getString("token");
        assertEquals(1, api.tokens().list(Api.token(fresh)).jsonArray().size());
    }

    // ---- what is not a valid token ----

    @Test
    void aTokenWithOneCharacterChangedIsRefused() {
        String name = Api.uniqueName("flip");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        int last = token.length() - 1;
        int middle = 20;
        assertAll(List.of(flip(token, last), flip(token, last - 3), flip(token, middle),
                        token.substring(0, last), token + "A", token.toUpperCase(Locale.ROOT)).stream()
                .map(tampered -> () -> {
                    assertNotEquals(token, tampered);
                    assertUnauthorized(api.accounts().me(Api.token(tampered)));
                }));
        assertEquals(200, api.accounts().me(Api.token(token)).status());
    }

    @Test
    void malformedAuthorizationHeadersAre401Problems() {
        String madeUp = "tka_" + "A".repeat(43) + "abcdef";
        assertAll(List.of("Token", "Token    ", "Token " + madeUp, "Basic xyz", "Basic YWRtaW46YWRtaW4=",
                        "Token tka_", "Token tkr_" + "A".repeat(43) + "abcdef", "Digest username=\"admin\"",
                        "Token " + madeUp + " " + madeUp, "Tokentka_" + "A".repeat(43) + "abcdef").stream()
                .map(header -> () -> assertUnauthorized(api.accounts().me("Authorization", header))));
    }

    /**
     * A refused credential ends the request with the 401 problem, also where the body holds a valid
     * password (issue 13: on one server such a request went on to the resource, anonymous, and the
     * password in the body made a token).
     */
    @Test
    void aRefusedCredentialEndsTheRequestWhateverTheBodyHolds() {
        String name = Api.uniqueName("refused");
        api.register(name);
        for (String authorization : List.of("Token tka_garbage", "Bearer not.a.jwt", "Basic YWRtaW46YWRtaW4=")) {
            assertUnauthorized(api.tokens().create(credentials(name, Api.PASSWORD).add("name", "smuggled").build(),
                    "Authorization", authorization));
        }
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        Api.Reply list = api.tokens().list(Api.token(token));
        assertEquals(1, list.jsonArray().size(), "the refused requests made no token: " + list);
    }

    @Test
    void noCredentialIsA401WithBothChallenges() {
        assertUnauthorized(api.accounts().me());
        assertUnauthorized(api.tokens().list());
        assertUnauthorized(api.tokens().revokeAll());
        assertUnauthorized(api.tokens().revoke(java.util.UUID.randomUUID().toString()));
    }

    // ---- the administrator from configuration ----

    @Test
    void theConfiguredAdministratorCanLogInAndIsInGroupsAdminAndUser() {
        JsonObject issued = api.createToken(TestServers.ADMIN, TestServers.ADMIN_PASSWORD);
        Api.Reply reply = api.accounts().me(Api.token(issued.getString("token")));
        assertEquals(200, reply.status(), reply.toString());
        JsonObject me = reply.json();
        assertEquals("admin", me.getString("username"));
        List<String> groups = Api.strings(me.getJsonArray("groups"));
        assertTrue(groups.containsAll(List.of("admin", "user")), groups.toString());
        assertEquals("token", me.getJsonObject("auth").getString("method"));
        assertEquals(issued.getString("id"), me.getJsonObject("auth").getString("token_id"));
        // revoke what this test made, so that runs do not pile tokens up on the shared administrator
        assertEquals(204, api.tokens().revoke(issued.getString("id"), Api.token(issued.getString("token"))).status());
    }

    // ---- helpers ----

    /** {@link Api#credentials} to add a name or an expiry to. */
    private static JsonObjectBuilder credentials(String username, String password) {
        return Json.createObjectBuilder(Api.credentials(username, password));
    }

    private static String assertTimestamp(String value) {
        assertTrue(TIMESTAMP.matcher(value).matches(), "not an ISO-8601 UTC timestamp in whole seconds: " + value);
        return value;
    }

    private static JsonObject find(List<JsonObject> tokens, String id) {
        return tokens.stream().filter(t -> t.getString("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("token " + id + " not listed in " + tokens));
    }

    /** The token with the character at {@code index} replaced by another of the same alphabet. */
    private static String flip(String token, int index) {
        char c = token.charAt(index);
        char replacement = c == 'A' ? 'B' : 'A';
        return token.substring(0, index) + replacement + token.substring(index + 1);
    }

    /** 401, problem+json, and a challenge naming both schemes in the realm {@code token-auth}. */
    private static void assertUnauthorized(Api.Reply reply) {
        assertProblem(reply, 401);
        List<String> challenges = reply.headers().allValues("WWW-Authenticate");
        String all = String.join(", ", challenges);
        assertTrue(Pattern.compile("(^|[,\\s])Bearer(\\s|$)").matcher(all).find(), "no Bearer challenge: " + challenges);
        assertTrue(Pattern.compile("(^|[,\\s])Token(\\s|$)").matcher(all).find(), "no Token challenge: " + challenges);
        assertTrue(all.contains("realm=\"token-auth\""), "no realm: " + challenges);
    }
}
