package org.tokenauth.accounts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tokenauth.support.Problems.assertProblem;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.ApiTokensClient;
import org.tokenauth.support.JwtClient;
import org.tokenauth.support.TestServers;

/**
 * A refused password check tells an attacker nothing: an unknown user, a wrong password and a
 * disabled account get the same answer, byte for byte, on both endpoints that take a password.
 */
class PasswordLoginIT {

    final Api api = TestServers.shared(TestServers.WITH_ALLOWED_ORIGIN).api();

    @Test
    void unknownUserWrongPasswordAndDisabledUserAllLookTheSame() {
        String name = Api.uniqueName("same");
        JsonObject user = api.register(name);
        String unknown = Api.uniqueName("nobody");

        for (Map.Entry<String, BiFunction<String, String, Reply>> endpoint : passwordEndpoints().entrySet()) {
            String path = endpoint.getKey();
            Reply unknownUser = endpoint.getValue().apply(unknown, Api.PASSWORD);
            Reply wrongPassword = endpoint.getValue().apply(name, "not the password at all");
            assertProblem(unknownUser, 401);
            assertProblem(wrongPassword, 401);
            assertArrayEquals(bytes(unknownUser), bytes(wrongPassword), path + ": " + unknownUser + " vs " + wrongPassword);
            assertEquals(unknownUser.header("WWW-Authenticate"), wrongPassword.header("WWW-Authenticate"), path);
            assertEquals(unknownUser.contentType(), wrongPassword.contentType(), path);
        }

        Reply reference = api.jwt().tryLogin(unknown, Api.PASSWORD);
        assertEquals(200, api.admin().setDisabled(user.getString("id"), true, api.admin().asAdministratorWithApiToken()).status());
        for (Map.Entry<String, BiFunction<String, String, Reply>> endpoint : passwordEndpoints().entrySet()) {
            String path = endpoint.getKey();
            Reply disabled = endpoint.getValue().apply(name, Api.PASSWORD);
            assertProblem(disabled, 401);
            assertEquals(reference.body(), disabled.body(), path + ": a disabled user must look like an unknown one");
            assertEquals(reference.header("WWW-Authenticate"), disabled.header("WWW-Authenticate"), path);
        }
    }

    /** Both endpoints that check a password, by path: a login for a JWT pair, and an API token made by password. */
    private Map<String, BiFunction<String, String, Reply>> passwordEndpoints() {
        Map<String, BiFunction<String, String, Reply>> endpoints = new LinkedHashMap<>();
        endpoints.put(JwtClient.LOGIN, (username, password) -> api.jwt().tryLogin(username, password));
        endpoints.put(ApiTokensClient.TOKENS, (username, password) -> api.tokens().tryCreate(username, password));
        return endpoints;
    }

    private static byte[] bytes(Reply reply) {
        return reply.body().getBytes(StandardCharsets.UTF_8);
    }
}
