package org.tokenauth.apitokens.control;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.tokenauth.platform.BoundedMaps;

/**
 * API tokens found in the database recently, by the SHA-256 of their secret, so that a client that
 * sends the same token again is answered from memory: no query and no transaction.
 *
 * <p>Revocation must still take effect at once, so every revocation forgets the tokens it touches
 * twice: when it starts, and again after its transaction ends. A lookup that read the database
 * before the revocation committed could otherwise put back what was just forgotten; the generation
 * counter tells it so, and it takes its entry out again ({@link #put}). The counter is global:
 * a revocation anywhere makes the lookups in flight at that moment not cache, which costs them
 * nothing but a later query.
 *
 * <p>Bounded ({@link BoundedMaps}).
 */
final class KnownApiTokens {

    /** What a request with this token needs, and when its use was last written. */
    record Known(ApiTokenStore.Authenticated token, Instant lastUsedAt) {
    }

    private final int maxEntries;
    private final Map<String, Known> byHash = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** @param maxEntries 0 turns the cache off: every request then reads the database */
    KnownApiTokens(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        this.maxEntries = maxEntries;
    }

    /** Read before the database is; passed back to {@link #put}. */
    long generation() {
        return generation.get();
    }

    Known get(String hash) {
        return byHash.get(hash);
    }

    /**
     * Remembers a token read from the database while the generation was {@code seenGeneration};
     * nothing if a revocation has begun or ended since.
     */
    void put(String hash, Known known, long seenGeneration, Instant now) {
        if (maxEntries == 0 || generation.get() != seenGeneration) {
            return;
        }
        BoundedMaps.makeRoom(byHash, maxEntries, k -> k.token().expiredAt(now));
        byHash.put(hash, known);
        // a revocation that began after the check above has already swept, or is sweeping, the map
        if (generation.get() != seenGeneration) {
            byHash.remove(hash, known);
        }
    }

    /** Records a newer last use, unless another request did so first: then false, and it need not be written. */
    boolean touched(String hash, Known before, Instant lastUsedAt) {
        return byHash.replace(hash, before, new Known(before.token(), lastUsedAt));
    }

    /** Forgets what is gone (an expired token found on a request). */
    void remove(String hash, Known known) {
        byHash.remove(hash, known);
    }

    void forgetToken(String tokenId) {
        generation.incrementAndGet();
        byHash.values().removeIf(k -> k.token().tokenId().equals(tokenId));
    }

    void forgetAccount(String accountId) {
        generation.incrementAndGet();
        byHash.values().removeIf(k -> k.token().accountId().equals(accountId));
    }

    int size() {
        return byHash.size();
    }
}
