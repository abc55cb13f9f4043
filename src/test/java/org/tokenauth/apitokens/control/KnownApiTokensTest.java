package org.tokenauth.apitokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownApiTokensTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    static KnownApiTokens.Known known(String tokenId, String accountId, Instant expiresAt) {
        return new KnownApiTokens.Known(
                new ApiTokenStore.Authenticated(tokenId, accountId, "user-" + accountId, List.of("user"), NOW.minusSeconds(60), expiresAt, java.util.Optional.empty()), null, NOW);
    }

    @Test
    void remembersWhatWasReadWhileNoRevocationRan() {
        KnownApiTokens cache = new KnownApiTokens(10, MAX_AGE);
        KnownApiTokens.Known a = known("t1", "a1", null);
        cache.put("h1", a, cache.generation(), NOW);
        assertSame(a, cache.get("h1", NOW));
        assertNull(cache.get("h2", NOW));
    }

    @Test
    void forgettingATokenTakesOnlyThatToken() {
        KnownApiTokens cache = new KnownApiTokens(10, MAX_AGE);
        cache.put("h1", known("t1", "a1", null), cache.generation(), NOW);
        cache.put("h2", known("t2", "a1", null), cache.generation(), NOW);
        cache.forgetToken("t1");
        assertNull(cache.get("h1", NOW));
        assertEquals("t2", cache.get("h2", NOW).token().tokenId());
    }

    @Test
    void forgettingAnAccountTakesAllItsTokensAndNoOneElses() {
        KnownApiTokens cache = new KnownApiTokens(10, MAX_AGE);
        cache.put("h1", known("t1", "a1", null), cache.generation(), NOW);
        cache.put("h2", known("t2", "a1", null), cache.generation(), NOW);
        cache.put("h3", known("t3", "a2", null), cache.generation(), NOW);
        cache.forgetAccount("a1");
        assertNull(cache.get("h1", NOW));
        assertNull(cache.get("h2", NOW));
        assertEquals("t3", cache.get("h3", NOW).token().tokenId());
    }

    /** A lookup that read the row before a revocation committed must not put it back. */
    @Test
    void aLookupThatOverlappedARevocationDoesNotCache() {
        KnownApiTokens cache = new KnownApiTokens(10, MAX_AGE);
        long before = cache.generation();
        cache.forgetToken("t1"); // the revocation began (or ended) while the lookup read the database
        cache.put("h1", known("t1", "a1", null), before, NOW);
        assertNull(cache.get("h1", NOW));
        assertEquals(0, cache.size());

        // a revocation of another account's token counts too: the counter is global
        long again = cache.generation();
        cache.forgetAccount("a9");
        cache.put("h1", known("t1", "a1", null), again, NOW);
        assertNull(cache.get("h1", NOW));

        // the next lookup, after the revocation, caches again
        cache.put("h1", known("t1", "a1", null), cache.generation(), NOW);
        assertEquals("t1", cache.get("h1", NOW).token().tokenId());
    }

    @Test
    void onlyOneOfTheRequestsThatSawTheSameStaleUseWritesIt() {
        KnownApiTokens cache = new KnownApiTokens(10, MAX_AGE);
        KnownApiTokens.Known stale = known("t1", "a1", null);
        cache.put("h1", stale, cache.generation(), NOW);
        assertTrue(cache.touched("h1", stale, NOW));
        assertFalse(cache.touched("h1", stale, NOW.plusMillis(1)), "a second request with the old entry");
        assertEquals(NOW, cache.get("h1", NOW).lastUsedAt());
    }

    @Test
    void whenFullExpiredEntriesGoFirst() {
        KnownApiTokens cache = new KnownApiTokens(3, MAX_AGE);
        cache.put("expired", known("t1", "a1", NOW.minusSeconds(1)), cache.generation(), NOW);
        cache.put("live1", known("t2", "a1", NOW.plusSeconds(60)), cache.generation(), NOW);
        cache.put("live2", known("t3", "a1", null), cache.generation(), NOW);
        cache.put("live3", known("t4", "a1", null), cache.generation(), NOW);
        assertNull(cache.get("expired", NOW));
        assertEquals(3, cache.size());
        assertTrue(cache.get("live1", NOW) != null && cache.get("live2", NOW) != null && cache.get("live3", NOW) != null);
    }

    @Test
    void neverHoldsMoreThanItsLimit() {
        KnownApiTokens cache = new KnownApiTokens(100, MAX_AGE);
        for (int i = 0; i < 1000; i++) {
            cache.put("h" + i, known("t" + i, "a" + i, null), cache.generation(), NOW);
            assertTrue(cache.size() <= 100, "size " + cache.size() + " after " + (i + 1));
        }
        assertTrue(cache.get("h999", NOW) != null, "the newest entry is kept");
    }

    @Test
    void sizeZeroCachesNothing() {
        KnownApiTokens cache = new KnownApiTokens(0, MAX_AGE);
        cache.put("h1", known("t1", "a1", null), cache.generation(), NOW);
        assertNull(cache.get("h1", NOW));
        assertThrows(IllegalArgumentException.class, () -> new KnownApiTokens(-1, MAX_AGE));
    }

    @Test
    void expiryIsTheTokensOwn() {
        ApiTokenStore.Authenticated token = known("t1", "a1", NOW).token();
        assertTrue(token.expiredAt(NOW));
        assertFalse(token.expiredAt(NOW.minusMillis(1)));
        assertFalse(known("t2", "a1", null).token().expiredAt(Instant.MAX));
    }

    @Test
    void anEntryOlderThanTheMaximumAgeIsReadAgain() {
        KnownApiTokens cache = new KnownApiTokens(10, MAX_AGE);
        KnownApiTokens.Known a = known("t1", "a1", null);
        cache.put("h1", a, cache.generation(), NOW);
        assertSame(a, cache.get("h1", NOW.plus(MAX_AGE)), "still trusted at exactly its maximum age");
        assertNull(cache.get("h1", NOW.plus(MAX_AGE).plusMillis(1)), "a revocation announced elsewhere and missed here ends there");
        assertNull(cache.get("h1", NOW), "and it is forgotten, not only hidden");
    }

    @Test
    void forgettingAllEmptiesTheCacheAndStopsLookupsInFlightFromCaching() {
        KnownApiTokens cache = new KnownApiTokens(10, MAX_AGE);
        cache.put("h1", known("t1", "a1", null), cache.generation(), NOW);
        long inFlight = cache.generation();
        cache.forgetAll();
        assertNull(cache.get("h1", NOW));
        cache.put("h2", known("t2", "a2", null), inFlight, NOW);
        assertNull(cache.get("h2", NOW), "a lookup that began before the forgetting does not cache");
    }
}
