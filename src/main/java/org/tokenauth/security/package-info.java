/**
 * The request edge: the one authentication mechanism for both credentials, the enforcement of
 * {@code @RolesAllowed}/{@code @PermitAll}/{@code @DenyAll}, CORS, security headers, and logout,
 * which must know which kind of credential a request used.
 *
 * <p>Uses {@code apitokens}, {@code jwt}, {@code accounts}, {@code audit}, {@code problems},
 * {@code platform}.
 */
package org.tokenauth.security;
