package org.tokenauth.accounts.control;

import java.time.Instant;

/**
 * What a request proved before it is given a new credential, checked again in the transaction that
 * stores the credential ({@link IssuingLock}): a new password or a disabling that commits in between
 * must win.
 */
public sealed interface Proof {

    String accountId();

    /**
     * The password was right for the account's credentials as of {@code credentialsVersion} (the
     * account's {@code credentials_changed_at} when the hash was read).
     */
    record Password(String accountId, Instant credentialsVersion) implements Proof {
    }

    /** A credential of the account, made at {@code madeAt}, was presented and accepted. */
    record Credential(String accountId, Instant madeAt) implements Proof {
    }
}
