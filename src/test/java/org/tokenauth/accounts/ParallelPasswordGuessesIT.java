package org.tokenauth.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.Concurrently;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;

/**
 * Issue 10, item 2: wrong passwords sent all at once. Forty simultaneous guesses for one username
 * used to be checked all forty, and the right password then got in; the limit of five failures per
 * window must hold however many arrive together (attempts are counted before the hash, attempts in
 * flight included). Likewise the limit per client address.
 */
class ParallelPasswordGuessesIT {

    static final int GUESSES = 40;
    static final int ROUNDS = 4;
    static final int MAX_FAILURES = 5;

    @Test
    void fortyGuessesAtOnceGetFiveChecksAtMost() {
        Api api = TestServers.shared(TestServers.FOR_RACES).api();
        for (int round = 0; round < ROUNDS; round++) {
            String name = Api.uniqueName("guess");
            api.register(name);
            List<Reply> replies = Concurrently.run(GUESSES, i -> i % 2 == 0
                    ? api.jwt().tryLogin(name, "wrong guess number " + i)
                    : api.tokens().tryCreate(name, "wrong guess number " + i));
            long checked = replies.stream().filter(r -> r.status() == 401).count();
            long refused = replies.stream().filter(ParallelPasswordGuessesIT::refusedUnchecked).count();
            assertTrue(checked <= MAX_FAILURES, "round " + round + ": " + checked + " of " + GUESSES + " guesses were checked");
            assertEquals(GUESSES, checked + refused, "round " + round + ": every other guess is refused with Retry-After: " + replies);
            // the limit is reached: the right password is refused too, on both password endpoints
            assertEquals(429, api.jwt().tryLogin(name, Api.PASSWORD).status(), "round " + round);
            assertEquals(429, api.tokens().tryCreate(name, Api.PASSWORD).status(), "round " + round);
        }
    }

    /**
     * A server of its own: ten failures per address, in a window short enough for several rounds, and
     * long enough for a round of guesses to end within it on a busy machine (a round that outlived its
     * window would rightly get ten more checks in the next one). Between rounds the test waits, a
     * bounded time, for the window to pass, asking with the right password until it gets in.
     */
    @Test
    void guessesForManyUsernamesAtOnceStopAtTheLimitPerAddress() {
        int perAddress = 10;
        long windowSeconds = 30;
        TestServer server = TestServers.shared(Map.of("tokenauth.throttle.max-failures-per-address", String.valueOf(perAddress),
                "tokenauth.throttle.window", String.valueOf(windowSeconds)));
        Api api = server.api();
        String known = Api.uniqueName("address-owner");
        api.register(known);
        for (int round = 0; round < 3; round++) {
            List<Reply> replies = Concurrently.run(GUESSES, i -> api.jwt().tryLogin(Api.uniqueName("nobody"), "wrong guess " + i));
            long checked = replies.stream().filter(r -> r.status() == 401).count();
            long refused = replies.stream().filter(ParallelPasswordGuessesIT::refusedUnchecked).count();
            assertTrue(checked <= perAddress, "round " + round + ": " + checked + " guesses from one address were checked");
            assertEquals(GUESSES, checked + refused, "round " + round + ": " + replies);
            assertEquals(429, api.jwt().tryLogin(known, Api.PASSWORD).status(), "round " + round + ": the address is blocked");
            // the window passes, and the address may try again
            long deadline = System.nanoTime() + (windowSeconds + 60) * 1_000_000_000L;
            int status;
            do {
                sleep(1000);
                status = api.jwt().tryLogin(known, Api.PASSWORD).status();
            } while (status == 429 && System.nanoTime() < deadline);
            assertEquals(200, status, "round " + round + ": after the window");
        }
    }

    /**
     * Refused without a password check: 429 (the throttle), or 503 (the hashing gate's queue, when a
     * busy machine keeps a guess waiting too long), both with {@code Retry-After}.
     */
    private static boolean refusedUnchecked(Reply reply) {
        return (reply.status() == 429 || reply.status() == 503) && reply.header("Retry-After").isPresent();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
