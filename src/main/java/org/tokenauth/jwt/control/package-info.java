/**
 * The feature's logic: one class per job, transactions, the feature's settings and events.
 *
 * <p>Uses this feature's entities and lower features; never a boundary.
 */
package org.tokenauth.jwt.control;
