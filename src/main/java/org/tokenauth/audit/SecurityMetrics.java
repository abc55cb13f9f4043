package org.tokenauth.audit;

/**
 * The counters and timers of security events. Two implementations: MicroProfile Metrics where the
 * server has it ({@link MicroProfileMetrics}), and none where it has not (WildFly 39 ships no
 * MicroProfile Metrics): the audit log is written either way.
 */
interface SecurityMetrics {

    SecurityMetrics NONE = new SecurityMetrics() {
    };

    default void login(String outcome) {
    }

    default void issued(SecurityEvents.Kind kind) {
    }

    default void revoked(SecurityEvents.Kind kind, int count) {
    }

    default void reuseDetected() {
    }

    default void authenticated(String credential, long nanos) {
    }

    default void passwordHashed(long nanos) {
    }
}
