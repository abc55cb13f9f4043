package org.tokenauth.accounts.control;

import java.time.Instant;
import org.tokenauth.platform.Announced;

/**
 * The account's password changed at {@code at}: every credential made before is revoked, and no
 * login whose password check came before it may still issue one.
 */
public record CredentialsChanged(String accountId, Instant at) implements Announced {
}
