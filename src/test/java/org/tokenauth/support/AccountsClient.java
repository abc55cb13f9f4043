package org.tokenauth.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** Registration and the caller's own account. */
public final class AccountsClient {

    /** The paths, public for the tests whose point is a raw request (a malformed body, a raw socket). */
    public static final String REGISTER = "/api/auth/register";
    public static final String ME = "/api/me";
    public static final String PASSWORD = ME + "/password";

    private final Api api;

    AccountsClient(Api api) {
        this.api = api;
    }

    /** Registers {@code username} with {@link Api#PASSWORD} and the address {@code username@example.com}; the 201 body. */
    public JsonObject register(String username) {
        Api.Reply reply = register(username, username + "@example.com", Api.PASSWORD);
        if (reply.status() != 201) {
            throw new AssertionError("registration failed: " + reply);
        }
        return reply.json();
    }

    public Api.Reply register(String username, String email, String password) {
        return register(registration(username, email, password));
    }

    /** {@code {"username": …, "email": …, "password": …}}, the body of a registration. */
    public static JsonObject registration(String username, String email, String password) {
        return Json.createObjectBuilder().add("username", username).add("email", email).add("password", password).build();
    }

    /** Whatever body the test wants to send. */
    public Api.Reply register(JsonObject body) {
        return api.post(REGISTER, body);
    }

    public Api.Reply registerRaw(String contentType, String body) {
        return api.postRaw(REGISTER, contentType, body);
    }

    /** {@code GET /api/me} with these headers (a credential, an Origin...). */
    public Api.Reply me(String... headers) {
        return api.get(ME, headers);
    }

    public Api.Reply changePassword(String currentPassword, String newPassword, String... headers) {
        return changePassword(Json.createObjectBuilder().add("current_password", currentPassword).add("new_password", newPassword)
                .build(), headers);
    }

    public Api.Reply changePassword(JsonObject body, String... headers) {
        return api.send("PUT", PASSWORD, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), headers);
    }
}
