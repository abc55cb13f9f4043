/**
 * Security events, once each: a JSON line in the audit log and, where the server has MicroProfile
 * Metrics, a metric.
 *
 * <p>Uses {@code platform}.
 */
package org.tokenauth.audit;
