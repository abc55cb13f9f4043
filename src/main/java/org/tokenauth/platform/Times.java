package org.tokenauth.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as the API shows them: UTC, whole seconds ({@code 2026-11-29T10:15:30Z}). */
public final class Times {

    private Times() {
    }

    public static Instant now() {
        return seconds(Instant.now());
    }

    /** The instant without its fraction of a second; null stays null. */
    public static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
