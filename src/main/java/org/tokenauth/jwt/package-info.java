/**
 * JWTs: login sessions, single-use refresh tokens with reuse detection, the signing keys and their
 * rotation, signing and verifying access tokens, the JWKS, the revocation state that stops live
 * access tokens, and the readiness check.
 *
 * <p>Uses {@code accounts}, {@code audit}, {@code problems}, {@code platform}; never {@code apitokens}.
 */
package org.tokenauth.jwt;
