package org.tokenauth.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.tokenauth.platform.Setting;

/** The browser origins allowed to call the API: {@code tokenauth.cors.allowed-origins}, read once. */
@ApplicationScoped
public class CorsSettings {

    public static final Setting<String> ALLOWED_ORIGINS = Setting.optionalText("tokenauth.cors.allowed-origins",
            "comma-separated browser origins allowed to call the API");

    private Set<String> allowedOrigins;

    protected CorsSettings() {
        // for CDI's proxy
    }

    @Inject
    public CorsSettings(Config config) {
        // never a wildcard: a credential-bearing API must name its origins
        allowedOrigins = ALLOWED_ORIGINS.optional(config)
                .map(list -> Arrays.stream(list.split(",")).map(String::strip)
                        .filter(o -> !o.isEmpty() && !o.equals("*")).map(CorsSettings::stripSlash)
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    public boolean allows(String origin) {
        return allowedOrigins.contains(origin);
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
