/**
 * What runs at the edge of every request: the authentication mechanism, the roles filter, the CORS
 * and security-header filters, and the logout resource.
 *
 * <p>Uses {@code security.control} and the features below.
 */
package org.tokenauth.security.boundary;
