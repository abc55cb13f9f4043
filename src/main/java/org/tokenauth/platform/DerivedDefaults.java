package org.tokenauth.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Defaults that depend on another setting, {@code tokenauth.data-dir}, and must be absolute: H2
 * refuses relative paths that do not start with {@code ./}, and Payara's MP-JWT verifier only reads
 * the public keys from a URL. Its ordinal sits above the WAR's properties file and below system
 * properties and the environment, so an operator's own value always wins.
 */
public class DerivedDefaults implements ConfigSource {

    public static final String DATA_DIR = "tokenauth.data-dir";

    private final Map<String, String> values;

    public DerivedDefaults() {
        Path dataDir = dataDir();
        values = Map.of(
                "tokenauth.db.url", "jdbc:h2:" + dataDir.resolve("tokenauth") + ";MODE=LEGACY;CACHE_SIZE=65536");
    }

    /** The data directory, from a system property or the environment, default {@code ./data}. */
    public static Path dataDir() {
        String configured = System.getProperty(DATA_DIR);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("TOKENAUTH_DATA_DIR");
        }
        if (configured == null || configured.isBlank()) {
            configured = "./data";
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "token-auth derived defaults";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
