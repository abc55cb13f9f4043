/**
 * Users: registration, passwords (Argon2id, checks, throttling of failures, changes), the first
 * administrator, the caller of a request, and the changes of an account that reach its credentials,
 * announced as events ({@code CredentialsChanged}, {@code AccountDisabled}, {@code AccountEnabled},
 * {@code GroupsChanged}) that the credential features observe.
 *
 * <p>Uses {@code audit}, {@code problems}, {@code platform}.
 */
package org.tokenauth.accounts;
