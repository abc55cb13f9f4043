/**
 * The HTTP resources of the feature (and their request and response records).
 *
 * <p>Uses this feature's control and entity packages and lower features; no control or entity
 * class uses this package.
 */
package org.tokenauth.accounts.boundary;
