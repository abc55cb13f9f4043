package org.tokenauth.accounts.control;

import java.time.Instant;
import org.tokenauth.platform.Announced;

/** An administrator enabled the account again; nothing that was revoked comes back. */
public record AccountEnabled(String accountId, Instant at) implements Announced {
}
