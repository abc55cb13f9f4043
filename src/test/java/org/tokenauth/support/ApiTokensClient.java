package org.tokenauth.support;

import jakarta.json.JsonObject;

/** {@code /api/auth/tokens}: make, list and revoke API tokens. */
public final class ApiTokensClient {

    /** The path, public for the tests whose point is a raw request (a malformed body, a query string). */
    public static final String TOKENS = "/api/auth/tokens";
    public static final String INTROSPECT = "/api/auth/introspect";

    private final Api api;

    ApiTokensClient(Api api) {
        this.api = api;
    }

    /** Makes a token by password; the 201 body. */
    public JsonObject create(String username, String password) {
        Api.Reply reply = tryCreate(username, password);
        if (reply.status() != 201) {
            throw new AssertionError("token creation failed: " + reply);
        }
        return reply.json();
    }

    /** Makes a token by password, whatever the answer. */
    public Api.Reply tryCreate(String username, String password, String... headers) {
        return create(Api.credentials(username, password), headers);
    }

    /** {@code POST} with this body (a name, an expiry, credentials...) and these headers. */
    public Api.Reply create(JsonObject body, String... headers) {
        return api.post(TOKENS, body, headers);
    }

    /** {@code POST} with no body at all: the credential is in the headers. */
    public Api.Reply createWithoutBody(String... headers) {
        return api.send("POST", TOKENS, null, null, headers);
    }

    public Api.Reply list(String... headers) {
        return api.get(TOKENS, headers);
    }

    public Api.Reply revoke(String id, String... headers) {
        return api.delete(TOKENS + "/" + id, headers);
    }

    public Api.Reply revokeAll(String... headers) {
        return api.delete(TOKENS, headers);
    }

    /** RFC 7662 introspection of {@code token}, form-encoded as the RFC has it. */
    public Api.Reply introspect(String token, String... headers) {
        return api.postRaw(INTROSPECT, "application/x-www-form-urlencoded",
                "token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    /** The same with a JSON body. */
    public Api.Reply introspectJson(String token, String... headers) {
        return api.post(INTROSPECT, jakarta.json.Json.createObjectBuilder().add("token", token).build(), headers);
    }
}
