package org.tokenauth.security;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tokenauth.platform.BoundedMaps;

/**
 * Access tokens that MP-JWT has verified, by their exact text, until they expire. A client sends the
 * same token many times in its five minutes; the signature and claims of a byte-identical token
 * cannot have changed, so it need not be verified again. What can change (session ended, user
 * disabled, password changed) is checked from {@link RevocationState} on every request, and the
 * expiry here. Bounded ({@link BoundedMaps}).
 */
class VerifiedBearers {

    /**
     * @param claims what the revocation state is asked about, read once from the same text
     * @param caller what the resources see, made once
     */
    record Verified(JsonWebToken principal, Set<String> groups, UnverifiedClaims claims, Caller caller,
                    long expiresAtEpochSecond) {
    }

    private final int maxEntries;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedBearers(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The verified token, if it was verified and has not expired (allowing {@code skewSeconds}). */
    Verified get(String token, long nowEpochSecond, long skewSeconds) {
        Verified hit = verified.get(token);
        if (hit == null) {
            return null;
        }
        if (hit.expiresAtEpochSecond() + skewSeconds <= nowEpochSecond) {
            verified.remove(token);
            return null;
        }
        return hit;
    }

    /** @return what was remembered */
    Verified put(String token, JsonWebToken principal, UnverifiedClaims claims, long nowEpochSecond) {
        BoundedMaps.makeRoom(verified, maxEntries, v -> v.expiresAtEpochSecond() <= nowEpochSecond);
        Set<String> groups = principal.getGroups() == null ? Set.of() : Set.copyOf(principal.getGroups());
        Verified entry = new Verified(principal, groups, claims, CurrentCaller.of(principal), principal.getExpirationTime());
        verified.put(token, entry);
        return entry;
    }
}
