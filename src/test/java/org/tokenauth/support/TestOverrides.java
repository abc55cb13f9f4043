package org.tokenauth.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** Configuration that one test deployment overrides (see {@link Deployments#war(Map)}). */
public class TestOverrides implements ConfigSource {

    static final String RESOURCE = "META-INF/tokenauth-test-overrides.properties";

    private final Map<String, String> values = new HashMap<>();

    public TestOverrides() {
        try (InputStream in = TestOverrides.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return "test overrides";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
