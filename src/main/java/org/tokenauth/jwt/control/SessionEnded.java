package org.tokenauth.jwt.control;

import java.time.Instant;
import org.tokenauth.platform.Announced;

/** A login session ended at {@code at}: its refresh tokens are used up and its access tokens refused. */
public record SessionEnded(String sessionId, String accountId, Instant at) implements Announced {
}
