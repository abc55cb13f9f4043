/**
 * The feature's JPA entities, with their own small behaviour and their named queries.
 *
 * <p>Uses other entities and {@code platform} only.
 */
package org.tokenauth.accounts.entity;
