package org.tokenauth.platform;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * One configuration key and its default, written in exactly one place: the settings type of the
 * feature that owns the key declares it as a constant and reads it once, at start. The
 * configuration table in the documentation is held against these constants by a unit test.
 *
 * @param key          the MicroProfile Config key ({@code tokenauth.jwt.access-ttl}); the environment
 *                     variable is the same in upper case with {@code _} ({@code TOKENAUTH_JWT_ACCESS_TTL})
 * @param defaultValue the value without configuration, or null where there is none
 * @param meaning      one line for the documentation
 */
public record Setting<T>(String key, Class<T> type, T defaultValue, String meaning) {

    public static Setting<Long> seconds(String key, long defaultValue, String meaning) {
        return new Setting<>(key, Long.class, defaultValue, meaning);
    }

    public static Setting<Integer> number(String key, int defaultValue, String meaning) {
        return new Setting<>(key, Integer.class, defaultValue, meaning);
    }

    public static Setting<String> text(String key, String defaultValue, String meaning) {
        return new Setting<>(key, String.class, defaultValue, meaning);
    }

    /** A key that has no default: {@link #optional(Config)} is empty without configuration. */
    public static Setting<String> optionalText(String key, String meaning) {
        return new Setting<>(key, String.class, null, meaning);
    }

    /** The configured value, else the default. */
    public T read(Config config) {
        return optional(config).orElse(defaultValue);
    }

    /** The configured value (a blank text counts as none), else the default if there is one. */
    public Optional<T> optional(Config config) {
        Optional<T> configured = config.getOptionalValue(key, type);
        if (configured.isPresent() && configured.get() instanceof String s && s.isBlank()) {
            configured = Optional.empty();
        }
        return configured.or(() -> Optional.ofNullable(defaultValue));
    }

    /** The environment variable that sets this key. */
    public String environmentVariable() {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
