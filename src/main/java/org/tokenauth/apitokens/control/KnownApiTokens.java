package org.tokenauth.apitokens.control;

import java.time.Duration;
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
 * <p>Where several servers share the database, a revocation made on another one arrives as an
 * announcement and is forgotten here too; should an announcement be lost, an entry is looked up again
 * once it is older than {@code maxAge} at the latest.
 *
 * <p>Bounded ({@link BoundedMaps}).
 */
final class KnownApiTokens {

    /** What a request with this token needs, when its use was last written, and when it was read. */
    record Known(ApiTokenStore.Authenticated token, Instant lastUsedAt, Instant readAt) {
    }

    private final int maxEntries;
    private final Duration maxAge;
    private final Map<String, Known> byHash = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /**
     * @param maxEntries 0 turns the cache off: every request then reads the database
     * @param maxAge     how long an entry is trusted without reading the database again
     */
    KnownApiTokens(int maxEntries, Duration maxAge) {
        if (maxEntries < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxEntries and maxAge must not be negative");
        }
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
    }

    /** Read before the database is; passed back to {@link #put}. */
    long generation() {
        return generation.get();
    }

    /** The token, unless it is unknown or was read longer than {@code maxAge} ago (then it is forgotten). */
    Known get(String hash, Instant now) {
        Known hit = byHash.get(hash);
        if (hit != null && hit.readAt().plus(maxAge).isBefore(now)) {
            byHash.remove(hash, hit);
            return null;
        }
        return hit;
    }

    /**
     * Remembers a token read from the database while the generation was {@code seenGeneration};
     * nothing if a revocation has begun or ended since.
     */
    void put(String hash, Known known, long seenGeneration, Instant now) {
        if (maxEntries == 0 || generation.get() != seenGeneration) {
            return;
        }
        BoundedMaps.makeRoom(byHash, maxEntries, k -> k.token().expiredAt(now) || k.readAt().plus(maxAge).isBefore(now));
        byHash.put(hash, known);
        // a revocation that began after the check above has already swept, or is sweeping, the map
        if (generation.get() != seenGeneration) {
            byHash.remove(hash, known);
        }
    }

    /** Records a newer last use, unless another request did so first: then false, and it need not be written. */
    boolean touched(String hash, Known before, Instant lastUsedAt) {
        return byHash.replace(hash, before, new Known(before.token(), lastUsedAt, before.readAt()));
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

    void forgetAll() {
        generation.incrementAndGet();
        byHash.clear();
    }

    int size() {
        return byHash.size();
    }
}
