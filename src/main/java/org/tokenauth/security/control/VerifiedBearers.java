package org.tokenauth.security.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tokenauth.jwt.control.JwtPrincipal;
import org.tokenauth.platform.BoundedMaps;

/**
 * Access tokens verified before, by their exact text, until they expire. A client sends the same
 * token many times in its five minutes; the signature and claims of a byte-identical token cannot
 * have changed, so it need not be parsed or verified again. What can change (session ended, user
 * disabled, password changed) is checked from the revocation state on every request, and the
 * expiry here. Forgotten whole when a signing key is removed. Bounded ({@link BoundedMaps}).
 */
public class VerifiedBearers {

    /**
     * @param accountId the {@code sub}
     * @param sessionId the {@code sid}
     */
    public record Verified(JwtPrincipal principal, String accountId, String sessionId, long issuedAt, long expiresAt) {
    }

    private final int maxEntries;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedBearers(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The verified token, if it was verified and has not expired (allowing {@code skewSeconds}). */
    public Verified get(String token, long nowEpochSecond, long skewSeconds) {
        Verified hit = verified.get(token);
        if (hit == null) {
            return null;
        }
        if (hit.expiresAt() + skewSeconds <= nowEpochSecond) {
            verified.remove(token);
            return null;
        }
        return hit;
    }

    /** @return what was remembered */
    public Verified put(String token, JwtPrincipal principal, long nowEpochSecond) {
        BoundedMaps.makeRoom(verified, maxEntries, v -> v.expiresAt() <= nowEpochSecond);
        Verified entry = new Verified(principal, principal.getSubject(), principal.sessionId(), principal.getIssuedAtTime(),
                principal.getExpirationTime());
        verified.put(token, entry);
        return entry;
    }

    public void clear() {
        verified.clear();
    }
}
