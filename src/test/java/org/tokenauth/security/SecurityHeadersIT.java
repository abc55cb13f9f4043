package org.tokenauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertProblem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.AccountsClient;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.JwtClient;
import org.tokenauth.support.TestServers;

/**
 * The headers every answer carries, whoever wrote it (a resource, an exception mapper, the
 * container's error page): {@code nosniff} always, {@code no-store} wherever tokens or personal data
 * travel, and nothing that names the server.
 */
class SecurityHeadersIT {

    final Api api = TestServers.shared(TestServers.WITH_ALLOWED_ORIGIN).api();

    @Test
    void noSniffOnEveryKindOfResponse() {
        String name = Api.uniqueName("hdr");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        Map<String, Reply> replies = new LinkedHashMap<>();
        replies.put("200 /api/me", api.accounts().me(Api.token(token)));
        replies.put("200 jwks", api.jwt().jwks());
        replies.put("401 no credential", api.accounts().me());
        replies.put("401 bad token", api.accounts().me("Authorization", "Token tka_nope"));
        replies.put("404 under /api", api.get("/api/no-such-thing"));
        replies.put("404 outside /api", api.get("/no-such-page.html"));
        replies.put("400 malformed", api.postRaw(JwtClient.LOGIN, "application/json", "{"));
        for (Map.Entry<String, Reply> e : replies.entrySet()) {
            assertTrue(e.getKey().startsWith(Integer.toString(e.getValue().status())), e.getKey() + ": " + e.getValue());
            assertEquals("nosniff", e.getValue().header("X-Content-Type-Options").orElse(null), e.getKey());
        }
        assertProblem(replies.get("404 outside /api"), 404);
    }

    @Test
    void noStoreWhereTokensAndPersonalDataTravel() {
        String name = Api.uniqueName("nostore");
        Map<String, Reply> replies = new LinkedHashMap<>();
        replies.put("register", api.accounts().register(name, name + "@example.com", Api.PASSWORD));
        Reply created = api.tokens().tryCreate(name, Api.PASSWORD);
        replies.put("token 201", created);
        String token = created.json().getString("token");
        Reply pair = api.jwt().tryLogin(name, Api.PASSWORD);
        replies.put("jwt 200", pair);
        replies.put("refresh 200", api.jwt().refresh(pair.json().getString("refresh_token")));
        replies.put("jwt 401", api.jwt().tryLogin(Api.uniqueName("nobody"), Api.PASSWORD));
        replies.put("tokens list", api.tokens().list(Api.token(token)));
        replies.put("me 200", api.accounts().me(Api.token(token)));
        replies.put("me 401", api.accounts().me());
        replies.put("me 401 bad token", api.accounts().me("Authorization", "Token tka_nope"));
        for (Map.Entry<String, Reply> e : replies.entrySet()) {
            String cacheControl = e.getValue().header("Cache-Control").orElse("");
            assertTrue(e.getValue().headerValues("Cache-Control").contains("no-store"), e.getKey() + ": Cache-Control " + cacheControl
                    + " " + e.getValue());
        }
    }

    @Test
    void noServerBanner() {
        List<Reply> replies = List.of(api.jwt().jwks(), api.accounts().me(), api.get("/no-such-page"),
                api.postRaw(JwtClient.LOGIN, "application/json", "["), api.operations().health(),
                api.options(AccountsClient.ME, "Origin", TestServers.ALLOWED_ORIGIN, "Access-Control-Request-Method", "GET"));
        for (Reply reply : replies) {
            assertFalse(reply.header("Server").isPresent(), reply.status() + " Server: " + reply.header("Server"));
            assertFalse(reply.header("X-Powered-By").isPresent(), reply.status() + " X-Powered-By: " + reply.header("X-Powered-By"));
        }
    }
}
