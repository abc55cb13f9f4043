package org.tokenauth.apitokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownApiTokensTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    static KnownApiTokens.Known known(String tokenId, String accountId, Instant expiresAt) {
        return new KnownApiTokens.Known(
                new ApiTokenStore.Authenticated(tokenId, accountId, "user-" + accountId, List.of("user"), NOW.minusSeconds(60), expiresAt), null);
    }

    @Test
    void remembersWhatWasReadWhileNoRevocationRan() {
        KnownApiTokens cache = new KnownApiTokens(10);
        KnownApiTokens.Known a = known("t1", "a1", null);
        cache.put("h1", a, cache.generation(), NOW);
        assertSame(a, cache.get("h1"));
        assertNull(cache.get("h2"));
    }

    @Test
    void forgettingATokenTakesOnlyThatToken() {
        KnownApiTokens cache = new KnownApiTokens(10);
        cache.put("h1", known("t1", "a1", null), cache.generation(), NOW);
        cache.put("h2", known("t2", "a1", null), cache.generation(), NOW);
        cache.forgetToken("t1");
        assertNull(cache.get("h1"));
        assertEquals("t2", cache.get("h2").token().tokenId());
    }

    @Test
    void forgettingAnAccountTakesAllItsTokensAndNoOneElses() {
        KnownApiTokens cache = new KnownApiTokens(10);
        cache.put("h1", known("t1", "a1", null), cache.generation(), NOW);
        cache.put("h2", known("t2", "a1", null), cache.generation(), NOW);
        cache.put("h3", known("t3", "a2", null), cache.generation(), NOW);
        cache.forgetAccount("a1");
        assertNull(cache.get("h1"));
        assertNull(cache.get("h2"));
        assertEquals("t3", cache.get("h3").token().tokenId());
    }

    /** A lookup that read the row before a revocation committed must not put it back. */
    @Test
    void aLookupThatOverlappedARevocationDoesNotCache() {
        KnownApiTokens cache = new KnownApiTokens(10);
        long before = cache.generation();
        cache.forgetToken("t1"); // the revocation began (or ended) while the lookup read the database
        cache.put("h1", known("t1", "a1", null), before, NOW);
        assertNull(cache.get("h1"));
        assertEquals(0, cache.size());

        // a revocation of another account's token counts too: the counter is global
        long again = cache.generation();
        cache.forgetAccount("a9");
        cache.put("h1", known("t1", "a1", null), again, NOW);
        assertNull(cache.get("h1"));

        // the next lookup, after the revocation, caches again
        cache.put("h1", known("t1", "a1", null), cache.generation(), NOW);
        assertEquals("t1", cache.get("h1").token().tokenId());
    }

    @Test
    void onlyOneOfTheRequestsThatSawTheSameStaleUseWritesIt() {
        KnownApiTokens cache = new KnownApiTokens(10);
        KnownApiTokens.Known stale = known("t1", "a1", null);
        cache.put("h1", stale, cache.generation(), NOW);
        assertTrue(cache.touched("h1", stale, NOW));
        assertFalse(cache.touched("h1", stale, NOW.plusMillis(1)), "a second request with the old entry");
        assertEquals(NOW, cache.get("h1").lastUsedAt());
    }

    @Test
    void whenFullExpiredEntriesGoFirst() {
        KnownApiTokens cache = new KnownApiTokens(3);
        cache.put("expired", known("t1", "a1", NOW.minusSeconds(1)), cache.generation(), NOW);
        cache.put("live1", known("t2", "a1", NOW.plusSeconds(60)), cache.generation(), NOW);
        cache.put("live2", known("t3", "a1", null), cache.generation(), NOW);
        cache.put("live3", known("t4", "a1", null), cache.generation(), NOW);
        assertNull(cache.get("expired"));
        assertEquals(3, cache.size());
        assertTrue(cache.get("live1") != null && cache.get("live2") != null && cache.get("live3") != null);
    }

    @Test
    void neverHoldsMoreThanItsLimit() {
        KnownApiTokens cache = new KnownApiTokens(100);
        for (int i = 0; i < 1000; i++) {
            cache.put("h" + i, known("t" + i, "a" + i, null), cache.generation(), NOW);
            assertTrue(cache.size() <= 100, "size " + cache.size() + " after " + (i + 1));
        }
        assertTrue(cache.get("h999") != null, "the newest entry is kept");
    }

    @Test
    void sizeZeroCachesNothing() {
        KnownApiTokens cache = new KnownApiTokens(0);
        cache.put("h1", known("t1", "a1", null), cache.generation(), NOW);
        assertNull(cache.get("h1"));
        assertThrows(IllegalArgumentException.class, () -> new KnownApiTokens(-1));
    }

    @Test
    void expiryIsTheTokensOwn() {
        ApiTokenStore.Authenticated token = known("t1", "a1", NOW).token();
        assertTrue(token.expiredAt(NOW));
        assertFalse(token.expiredAt(NOW.minusMillis(1)));
        assertFalse(known("t2", "a1", null).token().expiredAt(Instant.MAX));
    }
}
