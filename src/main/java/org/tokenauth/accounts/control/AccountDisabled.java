package org.tokenauth.accounts.control;

import java.time.Instant;
import org.tokenauth.platform.Announced;

/** An administrator disabled the account at {@code at}: every credential of it is revoked. */
public record AccountDisabled(String accountId, Instant at) implements Announced {
}
