package org.tokenauth.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.tokenauth.platform.Setting;

/** How failed password checks are throttled: {@code tokenauth.throttle.*}, read once. */
@ApplicationScoped
public class ThrottleSettings {

    public static final Setting<Integer> MAX_FAILURES = Setting.number("tokenauth.throttle.max-failures", 5,
            "failed password checks per username in a window, then 429");
    public static final Setting<Integer> MAX_FAILURES_PER_ADDRESS = Setting.number("tokenauth.throttle.max-failures-per-address", 200,
            "the same per client address");
    public static final Setting<Integer> MAX_INACTIVE_INTROSPECTIONS = Setting.number("tokenauth.throttle.max-inactive-introspections", 1000,
            "introspections answered inactive per calling service in a window, then 429");
    public static final Setting<Long> WINDOW = Setting.seconds("tokenauth.throttle.window", 900, "the throttling window");

    private int maxFailures;
    private int maxFailuresPerAddress;
    private long windowSeconds;
    private int maxInactiveIntrospections;

    protected ThrottleSettings() {
        // for CDI's proxy
    }

    @Inject
    public ThrottleSettings(Config config) {
        maxFailures = MAX_FAILURES.read(config);
        maxFailuresPerAddress = MAX_FAILURES_PER_ADDRESS.read(config);
        windowSeconds = WINDOW.read(config);
        maxInactiveIntrospections = MAX_INACTIVE_INTROSPECTIONS.read(config);
    }

    public int maxFailures() {
        return maxFailures;
    }

    public int maxFailuresPerAddress() {
        return maxFailuresPerAddress;
    }

    public int maxInactiveIntrospections() {
        return maxInactiveIntrospections;
    }

    public long windowSeconds() {
        return windowSeconds;
    }
}
