package org.tokenauth.apitokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.tokenauth.platform.Setting;

/** API tokens: {@code tokenauth.token.*}, read once. */
@ApplicationScoped
public class ApiTokenSettings {

    public static final Setting<Long> DEFAULT_TTL = Setting.seconds("tokenauth.token.default-ttl", 0,
            "lifetime of an API token made without expires_in; 0 is never");
    public static final Setting<Integer> CACHE_SIZE = Setting.number("tokenauth.token.cache-size", 10000,
            "API tokens kept in memory after their first use (no query for the next requests; revoking forgets them at once); 0 reads the database on every request");

    public static final Setting<Long> CACHE_MAX_AGE = Setting.seconds("tokenauth.token.cache-max-age", 30,
            "how long a token stays in memory before it is looked up again: the bound on a revocation that another server announced and this one missed");

    private long defaultTtlSeconds;
    private long cacheMaxAgeSeconds;
    private int cacheSize;

    protected ApiTokenSettings() {
        // for CDI's proxy
    }

    @Inject
    public ApiTokenSettings(Config config) {
        defaultTtlSeconds = DEFAULT_TTL.read(config);
        cacheSize = CACHE_SIZE.read(config);
        cacheMaxAgeSeconds = CACHE_MAX_AGE.read(config);
    }

    public long defaultTtlSeconds() {
        return defaultTtlSeconds;
    }

    public long cacheMaxAgeSeconds() {
        return cacheMaxAgeSeconds;
    }

    public int cacheSize() {
        return cacheSize;
    }
}
