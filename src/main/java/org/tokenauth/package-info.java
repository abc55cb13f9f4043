/**
 * token-auth: API tokens and JWTs side by side for the same {@code @RolesAllowed} resources. The
 * root holds only the JAX-RS application; the features below it depend one way (see
 * {@code ArchitectureTest}):
 *
 * <pre>
 * platform ← problems ← audit ← accounts ← apitokens, jwt ← security ← admin
 * </pre>
 */
package org.tokenauth;
