package org.tokenauth.apitokens.control;

import org.tokenauth.platform.Announced;

/** API tokens were revoked: one ({@code tokenId}) or all of the account's ({@code tokenId} null). */
public record ApiTokensRevoked(String accountId, String tokenId) implements Announced {
}
