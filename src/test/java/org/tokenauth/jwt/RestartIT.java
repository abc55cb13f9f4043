package org.tokenauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;
import org.tokenauth.support.Jwts;

/** A restart changes nothing a client holds: the same data folder, a new server process. */
class RestartIT {

    @Test
    void tokensSessionsAndSigningKeysSurviveARestart() {
        // a long access-token lifetime, so that nothing the first start signed expires meanwhile
        TestServer server = TestServers.dedicated("restart", Map.of("tokenauth.jwt.access-ttl", "86400"));
        try {
            server.start();
            Api api = server.api();

            String name = Api.uniqueName("Restart");
            api.register(name);
            JsonObject pair = api.jwt().login(name, Api.PASSWORD);
            String jwt = pair.getString("access_token");
            String kid = Jwts.header(jwt).getString("kid");
            JsonObject apiToken = api.createToken(name, Api.PASSWORD);
            String token = apiToken.getString("token");
            JsonObject meByJwt = me(api, Api.bearer(jwt), "JWT before the restart");
            me(api, Api.token(token), "API token before the restart");

            String loggedOut = api.jwt().login(name, Api.PASSWORD).getString("access_token");
            assertEquals(204, api.jwt().logout(Api.bearer(loggedOut)).status());
            assertEquals(401, api.accounts().me(Api.bearer(loggedOut)).status(), "logged out, before the restart");

            Set<String> kidsBefore = api.jwt().kids();
            assertTrue(kidsBefore.contains(kid));

            server.restart();
            api = server.api(); // a new server process, most likely on another port

            JsonObject meAfter = me(api, Api.bearer(jwt), "the same access token after the restart");
            assertEquals(meByJwt.getString("id"), meAfter.getString("id"));
            assertEquals(meByJwt.getJsonObject("auth").getString("session_id"), meAfter.getJsonObject("auth").getString("session_id"));
            JsonObject meByToken = me(api, Api.token(token), "the same API token after the restart");
            assertEquals(apiToken.getString("id"), meByToken.getJsonObject("auth").getString("token_id"));

            Api.Reply stillLoggedOut = api.accounts().me(Api.bearer(loggedOut));
            assertEquals(401, stillLoggedOut.status(), "a logged-out session must stay logged out after a restart: " + stillLoggedOut);

            assertEquals(kidsBefore, api.jwt().kids(), "the JWKS after the restart");

            Api.Reply refreshed = api.jwt().refresh(pair.getString("refresh_token"));
            assertEquals(200, refreshed.status(), "the refresh token after the restart: " + refreshed);
            String newJwt = refreshed.json().getString("access_token");
            assertEquals(kid, Jwts.header(newJwt).getString("kid"), "still signing with the same key after the restart");
            me(api, Api.bearer(newJwt), "a token issued after the restart");
            // issue 14: neither start, nor the stop between them, printed a warning or a stack trace
            assertEquals(List.of(), server.warnings());
        } finally {
            server.stop();
        }
    }

    private static JsonObject me(Api api, String[] credential, String what) {
        Api.Reply reply = api.accounts().me(credential);
        assertEquals(200, reply.status(), what + ": " + reply);
        return reply.json();
    }
}
