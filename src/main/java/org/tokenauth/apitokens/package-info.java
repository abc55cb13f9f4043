/**
 * Opaque API tokens ({@code Authorization: Token tka_…}): made, listed, used (memory first, then one
 * indexed lookup) and revoked; revoked with their account's password or disabling, by the account
 * events.
 *
 * <p>Uses {@code accounts}, {@code audit}, {@code problems}, {@code platform}; never {@code jwt}.
 */
package org.tokenauth.apitokens;
