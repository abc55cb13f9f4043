package org.tokenauth.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as the API shows them: UTC, whole seconds ({@code 2026-11-29T10:15:30Z}). */
public final class Times {

    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
