/**
 * State and policy behind the edge: verified bearer tokens kept for their lifetime, and the CORS
 * policy with its settings.
 *
 * <p>Uses the features below; never a boundary.
 */
package org.tokenauth.security.control;
