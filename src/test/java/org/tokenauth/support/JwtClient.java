package org.tokenauth.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /api/auth/jwt} (login, refresh), {@code /api/auth/logout} and {@code /api/auth/jwks}. */
public final class JwtClient {

    /** The paths, public for the tests whose point is a raw request (a malformed body, another HTTP version). */
    public static final String LOGIN = "/api/auth/jwt";
    public static final String REFRESH = LOGIN + "/refresh";
    public static final String LOGOUT = "/api/auth/logout";
    public static final String JWKS = "/api/auth/jwks";

    private final Api api;

    JwtClient(Api api) {
        this.api = api;
    }

    /** Logs in; the 200 body (the token pair). */
    public JsonObject login(String username, String password) {
        Api.Reply reply = tryLogin(username, password);
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        return reply.json();
    }

    /** Logs in, whatever the answer. */
    public Api.Reply tryLogin(String username, String password, String... headers) {
        return login(Api.credentials(username, password), headers);
    }

    public Api.Reply login(JsonObject body, String... headers) {
        return api.post(LOGIN, body, headers);
    }

    public Api.Reply refresh(String refreshToken, String... headers) {
        return refresh(Json.createObjectBuilder().add("refresh_token", refreshToken).build(), headers);
    }

    public Api.Reply refresh(JsonObject body, String... headers) {
        return api.post(REFRESH, body, headers);
    }

    public Api.Reply logout(String... headers) {
        return api.post(LOGOUT, null, headers);
    }

    public Api.Reply jwks(String... headers) {
        return api.get(JWKS, headers);
    }

    /** The key ids that the JWKS publishes now. */
    public Set<String> kids() {
        Api.Reply reply = jwks();
        if (reply.status() != 200) {
            throw new AssertionError("JWKS: " + reply);
        }
        return reply.json().getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .map(k -> k.getString("kid")).collect(Collectors.toSet());
    }
}
