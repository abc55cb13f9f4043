/**
 * A resource server written the way another team would write it: a small Jakarta EE service, "notes",
 * that accepts both kinds of credential token-auth issues, and knows nothing of token-auth's classes
 * (only its HTTP API). {@code ResourceServerExampleIT} packages these classes as a WAR of their own,
 * runs it on a second Payara Micro and calls it; {@code src/site/markdown/resource-server.md} walks
 * through them.
 *
 * <ul>
 * <li>{@code Authorization: Bearer <jwt>}: standard MicroProfile JWT ({@link NotesApplication}'s
 * {@code @LoginConfig}, the {@code mp.jwt.verify.*} lines of its {@code microprofile-config.properties}),
 * verified here against token-auth's JWKS without calling token-auth for each request.</li>
 * <li>{@code Authorization: Token tka_…}: {@link ApiTokenMechanism} asks token-auth's introspection
 * endpoint ({@link TokenIntrospection}), and remembers the answer for a few seconds.</li>
 * </ul>
 *
 * Both end as the same kind of container login, a caller and its groups, so {@code @RolesAllowed}
 * means the same for both ({@link NotesResource}).
 */
package org.tokenauth.example.notes;
