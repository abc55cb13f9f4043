package org.tokenauth.jwt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.tokenauth.platform.Setting;

/** JWTs, refresh tokens and signing keys: {@code tokenauth.jwt.*}, read once. */
@ApplicationScoped
public class JwtSettings {

    public static final Setting<String> ISSUER = Setting.text("tokenauth.jwt.issuer", "token-auth",
            "iss of access tokens, and what the verifier expects");
    public static final Setting<String> AUDIENCE = Setting.optionalText("tokenauth.jwt.audience",
            "aud of access tokens, and what the verifier then requires");
    public static final Setting<Long> ACCESS_TTL = Setting.seconds("tokenauth.jwt.access-ttl", 300, "access-token lifetime");
    public static final Setting<Long> REFRESH_TTL = Setting.seconds("tokenauth.jwt.refresh-ttl", 86400,
            "refresh-token lifetime (each refresh starts a new one, within the session's maximum age)");
    public static final Setting<Long> CLOCK_SKEW = Setting.seconds("tokenauth.jwt.clock-skew", 30,
            "tolerated clock difference when checking exp and iat");
    public static final Setting<Long> SESSION_MAX_AGE = Setting.seconds("tokenauth.jwt.session-max-age", 2592000,
            "a login session's absolute lifetime (30 days): after it, it cannot be refreshed, however often it was");
    public static final Setting<String> KEY_ENCRYPTION_KEY = Setting.optionalText("tokenauth.jwt.key-encryption-key",
            "32 random bytes in base64 that encrypt the signing keys' private halves where they are stored; the same on every node (required for several); a single node without it makes one in the data folder");
    public static final Setting<Long> KEY_MAX_AGE = Setting.seconds("tokenauth.jwt.key-max-age", 2592000,
            "signing keys rotate by themselves when older (30 days)");

    private String issuer;
    private Optional<String> audience;
    private long accessTtlSeconds;
    private long refreshTtlSeconds;
    private long clockSkewSeconds;
    private long keyMaxAgeSeconds;
    private long sessionMaxAgeSeconds;
    private Optional<String> keyEncryptionKey;

    protected JwtSettings() {
        // for CDI's proxy
    }

    @Inject
    public JwtSettings(Config config) {
        issuer = ISSUER.read(config);
        audience = AUDIENCE.optional(config);
        accessTtlSeconds = ACCESS_TTL.read(config);
        refreshTtlSeconds = REFRESH_TTL.read(config);
        clockSkewSeconds = CLOCK_SKEW.read(config);
        keyMaxAgeSeconds = KEY_MAX_AGE.read(config);
        sessionMaxAgeSeconds = SESSION_MAX_AGE.read(config);
        keyEncryptionKey = KEY_ENCRYPTION_KEY.optional(config);
    }

    public String issuer() {
        return issuer;
    }

    public Optional<String> audience() {
        return audience;
    }

    public long accessTtlSeconds() {
        return accessTtlSeconds;
    }

    public long refreshTtlSeconds() {
        return refreshTtlSeconds;
    }

    public long clockSkewSeconds() {
        return clockSkewSeconds;
    }

    public long keyMaxAgeSeconds() {
        return keyMaxAgeSeconds;
    }

    public Optional<String> keyEncryptionKey() {
        return keyEncryptionKey;
    }

    public long sessionMaxAgeSeconds() {
        return sessionMaxAgeSeconds;
    }

    /**
     * How long an access token can still be accepted after it was issued: its lifetime plus the clock
     * skew. Whatever revokes access tokens (an ended session, a new password, a retired key) must be
     * remembered this long, and no longer.
     */
    public long acceptanceWindowSeconds() {
        return accessTtlSeconds + clockSkewSeconds;
    }
}
