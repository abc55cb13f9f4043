package org.tokenauth.jwt.control;

import java.time.Instant;
import org.tokenauth.platform.Announced;

/** The signing keys were rotated, made or removed at {@code at}: every node reads them again. */
public record SigningKeysChanged(Instant at) implements Announced {
}
