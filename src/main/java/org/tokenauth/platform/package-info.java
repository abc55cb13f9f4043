/**
 * Technical ground that every feature stands on, with no knowledge of any feature: configuration
 * keys and their defaults ({@link org.tokenauth.platform.Setting}), the data folder, times, ids,
 * opaque secrets ({@code tka_}/{@code tkr_}), the {@code Authorization} header, JSON, bounded caches,
 * the {@link org.tokenauth.platform.Announced} marker of changes every node must learn of, and the
 * liveness check.
 *
 * <p>Uses no other package of the application.
 */
package org.tokenauth.platform;
