package org.tokenauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertInvalid;
import static org.tokenauth.support.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.ApiTokensClient;
import org.tokenauth.support.Jwts;
import org.tokenauth.support.TestServers;

/**
 * Issue 15: OAuth 2.0 Token Introspection (RFC 7662) for the services that accept this server's
 * credentials. The caller holds {@code tokens:introspect}, which only an administrator's token can;
 * the answer for a live API token or access token uses the RFC's names, and for anything else it is
 * exactly {@code {"active": false}}.
 */
class IntrospectionIT {

    static final Set<String> ACTIVE_API_TOKEN = Set.of("active", "sub", "username", "scope", "groups", "iat", "token_type");

    final Api api = TestServers.shared().api();
    String[] service;

    /** A service's credential: an administrator's token that can introspect and nothing else. */
    @BeforeEach
    void service() {
        Reply made = api.tokens().create(Json.createObjectBuilder().add("name", "resource server")
                .add("scopes", Json.createArrayBuilder().add("tokens:introspect")).build(), api.admin().asAdministrator());
        assertEquals(201, made.status(), made.toString());
        service = Api.token(made.json().getString("token"));
    }

    private Reply introspect(String token, String... credential) {
        return api.tokens().introspect(token, credential);
    }

    private JsonObject active(String token) {
        Reply reply = introspect(token, service);
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.header("Cache-Control").orElse("").contains("no-store"), reply.headers().map().toString());
        JsonObject answer = reply.json();
        assertEquals(JsonValue.TRUE, answer.get("active"), answer.toString());
        return answer;
    }

    private void inactive(String token, String what) {
        Reply reply = introspect(token, service);
        assertEquals(200, reply.status(), what + ": " + reply);
        assertEquals(Json.createObjectBuilder().add("active", false).build(), reply.json(), what + ": exactly {\"active\":false}");
    }

    @Test
    void aLiveApiTokenIsActiveWithTheRfcsFields() {
        String name = Api.uniqueName("introspected");
        String id = api.register(name).getString("id");
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        JsonObject answer = active(token);
        assertEquals(ACTIVE_API_TOKEN, answer.keySet(), "no exp: the token does not expire: " + answer);
        assertEquals(id, answer.getString("sub"));
        assertEquals(name, answer.getString("username"));
        assertEquals("api_token", answer.getString("token_type"));
        assertEquals(List.of("user"), Api.strings(answer.getJsonArray("groups")));
        assertEquals(Set.of("account:manage", "tokens:manage", "user"), Set.of(answer.getString("scope").split(" ")));

        JsonObject expiring = api.tokens().create(Json.createObjectBuilder().add("username", name).add("password", Api.PASSWORD)
                .add("expires_in", 3600).add("scopes", Json.createArrayBuilder().add("user")).build()).json();
        JsonObject scoped = active(expiring.getString("token"));
        assertEquals("user", scoped.getString("scope"));
        assertTrue(scoped.getJsonNumber("exp").longValue() > scoped.getJsonNumber("iat").longValue(), scoped.toString());

        // JSON is accepted as well as the form
        Reply json = api.tokens().introspectJson(token, service);
        assertEquals(JsonValue.TRUE, json.json().get("active"), json.toString());
        // introspection is not a use of the token (listed with another credential: a use of that one)
        String[] owner = Api.bearer(api.jwt().login(name, Api.PASSWORD).getString("access_token"));
        JsonObject listed = api.tokens().list(owner).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("prefix").equals(token.substring(0, 12))).findFirst().orElseThrow();
        assertEquals(JsonValue.NULL, listed.get("last_used_at"), listed.toString());
    }

    @Test
    void aLiveAccessTokenIsActiveAndEndsWithItsSession() {
        String name = Api.uniqueName("introspected-jwt");
        String id = api.register(name).getString("id");
        JsonObject pair = api.jwt().login(name, Api.PASSWORD);
        String jwt = pair.getString("access_token");
        JsonObject answer = active(jwt);
        assertEquals(Set.of("active", "sub", "username", "scope", "groups", "exp", "iat", "token_type"), answer.keySet());
        assertEquals("access_token", answer.getString("token_type"));
        assertEquals(id, answer.getString("sub"));
        assertEquals(Jwts.claims(jwt).getJsonNumber("exp").longValue(), answer.getJsonNumber("exp").longValue());

        inactive(pair.getString("refresh_token"), "a refresh token is never a credential");
        assertEquals(204, api.jwt().logout(Api.bearer(jwt)).status());
        inactive(jwt, "after logout");
    }

    /**
     * The form as RFC 7662 has it, read the same on every server: the token's field among others, in
     * any order and percent-encoded; a field given twice or a broken escape is a 400 problem.
     */
    @Test
    void theFormIsReadAsTheRfcSaysWhateverTheServer() {
        String name = Api.uniqueName("form");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        String encoded = token.replace("_", "%5F");
        String form = "application/x-www-form-urlencoded";
        Reply withHint = api.postRaw(ApiTokensClient.INTROSPECT, form, "token_type_hint=api_token&token=" + encoded + "&extra=1", service);
        assertEquals(200, withHint.status(), withHint.toString());
        assertEquals(JsonValue.TRUE, withHint.json().get("active"), withHint.toString());
        assertEquals(name, withHint.json().getString("username"));

        assertProblem(api.postRaw(ApiTokensClient.INTROSPECT, form, "token=" + token + "&token=" + token, service), 400);
        assertProblem(api.postRaw(ApiTokensClient.INTROSPECT, form, "token=%E2%8", service), 400);
        Reply none = api.postRaw(ApiTokensClient.INTROSPECT, form, "", service);
        assertEquals(Json.createObjectBuilder().add("active", false).build(), none.json(), "no token: " + none);
    }

    @Test
    void everythingElseIsInactiveAndSaysNoMore() throws Exception {
        String name = Api.uniqueName("inactive");
        String id = api.register(name).getString("id");
        inactive("", "empty");
        inactive("not a token at all", "garbage");
        inactive("tka_" + "A".repeat(49), "an API token with a wrong checksum");
        String revoked = api.createToken(name, Api.PASSWORD).getString("token");
        assertEquals(204, api.jwt().logout(Api.token(revoked)).status());
        inactive(revoked, "revoked");

        String expiring = api.tokens().create(Json.createObjectBuilder().add("username", name).add("password", Api.PASSWORD)
                .add("expires_in", 1).build()).json().getString("token");
        Thread.sleep(2100);
        inactive(expiring, "expired");

        String jwt = api.jwt().login(name, Api.PASSWORD).getString("access_token");
        String live = api.createToken(name, Api.PASSWORD).getString("token");
        assertEquals(200, api.admin().setDisabled(id, true, api.admin().asAdministrator()).status());
        inactive(jwt, "a disabled user's access token");
        inactive(live, "a disabled user's API token");

        // the same claims, signed by a key that is not ours
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey foreign = generator.generateKeyPair().getPrivate();
        String[] segments = Jwts.segments(api.jwt().login(api.register(Api.uniqueName("foreign")).getString("username"), Api.PASSWORD)
                .getString("access_token"));
        inactive(Jwts.rs256(segments[0], segments[1], foreign), "another server's token");
    }

    @Test
    void onlyServicesWithTheScopeMayIntrospect() {
        String name = Api.uniqueName("nosy");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        assertProblem(introspect(token), 401, "anonymous");
        assertProblem(introspect(token, Api.token(token)), 403, "a user's own token");
        assertProblem(introspect(token, api.admin().asAdministrator()), 403, "an administrator's access token without the scope");
        assertInvalid(api.tokens().create(Json.createObjectBuilder().add("username", name).add("password", Api.PASSWORD)
                .add("scopes", Json.createArrayBuilder().add("tokens:introspect")).build()), "scopes");
    }
}
