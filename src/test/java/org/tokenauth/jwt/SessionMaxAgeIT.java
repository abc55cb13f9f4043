package org.tokenauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertProblem;

import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServers;

/**
 * Issue 10: a login session has an absolute lifetime, {@code tokenauth.jwt.session-max-age}. Before,
 * each refresh began a new full refresh lifetime, so a stolen refresh token used once a day lived for
 * ever. A server of its own whose sessions live 6 s.
 */
class SessionMaxAgeIT {

    static final int MAX_AGE = 6;

    final Api api = TestServers.shared(Map.of("tokenauth.jwt.session-max-age", String.valueOf(MAX_AGE))).api();

    @Test
    void aSessionCannotBeRefreshedPastItsMaximumAgeHoweverOftenItWas() throws InterruptedException {
        String name = Api.uniqueName("session-age");
        api.register(name);
        JsonObject pair = api.jwt().login(name, Api.PASSWORD);
        assertTrue(pair.getJsonNumber("refresh_expires_in").longValue() <= MAX_AGE,
                "a refresh token never outlives its session: " + pair);
        long started = System.currentTimeMillis();
        String refresh = pair.getString("refresh_token");
        // refreshed every second while the session is young: each one works
        while (System.currentTimeMillis() - started < (MAX_AGE - 2) * 1000L) {
            Thread.sleep(1000);
            var rotated = api.jwt().refresh(refresh);
            assertEquals(200, rotated.status(), rotated.toString());
            refresh = rotated.json().getString("refresh_token");
            assertTrue(rotated.json().getJsonNumber("refresh_expires_in").longValue() <= MAX_AGE);
        }
        Thread.sleep(Math.max(0, started + (MAX_AGE + 1) * 1000L - System.currentTimeMillis()));
        JsonObject problem = assertProblem(api.jwt().refresh(refresh), 401, "past the session's maximum age");
        assertTrue(problem.getString("detail").contains("ended"), problem.toString());
    }
}
