package org.tokenauth.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertProblem;

import jakarta.json.JsonObject;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.TestServers;

/**
 * Throttling of failed password checks, from the outside: after five failures for a username, every
 * password attempt for it is refused with 429 and {@code Retry-After}, on both endpoints that take a
 * password, whatever form of the username is given.
 *
 * <p>All requests come from one client address, whose own throttle allows 200 failed password checks
 * in 15 minutes: the classes that share this server ({@link TestServers#WITH_ALLOWED_ORIGIN}) stay
 * far below that (about 40 failures in all).
 */
class LoginThrottleIT {

    static final String ORIGIN = TestServers.ALLOWED_ORIGIN;

    final Api api = TestServers.shared(TestServers.WITH_ALLOWED_ORIGIN).api();

    @Test
    void afterFiveFailuresEveryPasswordAttemptIsThrottledEvenTheRightOne() {
        String name = Api.uniqueName("thr");
        api.register(name);
        for (int i = 1; i <= 5; i++) {
            assertProblem(api.jwt().tryLogin(name, "wrong password number " + i), 401);
        }
        Reply sixth = api.jwt().tryLogin(name, "wrong password number 6");
        assertThrottled(sixth);

        // the right password is refused as well while the window lasts, on both password endpoints
        assertThrottled(api.jwt().tryLogin(name, Api.PASSWORD));
        assertThrottled(api.tokens().tryCreate(name, Api.PASSWORD));

        // the username is counted regardless of case and of Unicode compatibility forms
        assertThrottled(api.jwt().tryLogin(name.toUpperCase(Locale.ROOT), Api.PASSWORD));
        assertThrottled(api.jwt().tryLogin(fullWidth(name), Api.PASSWORD));

        // a browser client on an allowed origin can read the 429
        Reply fromBrowser = api.jwt().tryLogin(name, Api.PASSWORD, "Origin", ORIGIN);
        assertThrottled(fromBrowser);
        assertEquals(ORIGIN, fromBrowser.header("Access-Control-Allow-Origin").orElse(null), "CORS grant on a 429");

        // another username from the same client is not affected
        String other = Api.uniqueName("thr-other");
        api.register(other);
        Reply ok = api.jwt().tryLogin(other, Api.PASSWORD);
        assertEquals(200, ok.status(), ok.toString());
        assertTrue(ok.json().getString("access_token").length() > 20);
        Reply created = api.tokens().tryCreate(other, Api.PASSWORD);
        assertEquals(201, created.status(), created.toString());
    }

    @Test
    void failuresCountAcrossBothPasswordEndpoints() {
        String name = Api.uniqueName("thr-both");
        api.register(name);
        for (int i = 0; i < 3; i++) {
            assertProblem(api.jwt().tryLogin(name, "wrong jwt password " + i), 401);
        }
        for (int i = 0; i < 2; i++) {
            assertProblem(api.tokens().tryCreate(name, "wrong token password " + i), 401);
        }
        assertThrottled(api.tokens().tryCreate(name, Api.PASSWORD));
        assertThrottled(api.jwt().tryLogin(name, Api.PASSWORD));
    }

    @Test
    void aSuccessfulLoginStartsTheCountAgain() {
        String name = Api.uniqueName("thr-reset");
        api.register(name);
        for (int i = 0; i < 4; i++) {
            assertProblem(api.jwt().tryLogin(name, "wrong " + i), 401);
        }
        assertEquals(200, api.jwt().tryLogin(name, Api.PASSWORD).status());
        for (int i = 0; i < 4; i++) {
            assertProblem(api.jwt().tryLogin(name, "wrong again " + i), 401);
        }
        Reply stillOk = api.jwt().tryLogin(name, Api.PASSWORD);
        assertEquals(200, stillOk.status(), stillOk.toString());
    }

    private static void assertThrottled(Reply reply) {
        JsonObject problem = assertProblem(reply, 429);
        String retryAfter = reply.header("Retry-After").orElse("");
        assertTrue(retryAfter.matches("\\d+"), "Retry-After must be whole seconds: <" + retryAfter + ">");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 0 && seconds <= 900, "Retry-After " + seconds);
        assertEquals("Too Many Requests", problem.getString("title"));
    }

    /** The same letters in their full-width compatibility forms (NFKC folds them back). */
    private static String fullWidth(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c > 0x20 && c < 0x7f ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return out.toString();
    }
}
