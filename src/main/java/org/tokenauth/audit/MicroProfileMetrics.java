package org.tokenauth.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Security metrics in the server's MicroProfile Metrics registry, registered at start so that
 * {@code /metrics} shows them at zero before the first event. On a server without MicroProfile
 * Metrics this bean does not exist: {@code beans.xml} excludes it when the API is not there.
 */
@ApplicationScoped
class MicroProfileMetrics implements SecurityMetrics {

    private final Map<String, Counter> logins = new java.util.HashMap<>();
    private final Map<SecurityEvents.Kind, Counter> issued = new EnumMap<>(SecurityEvents.Kind.class);
    private final Map<SecurityEvents.Kind, Counter> revoked = new EnumMap<>(SecurityEvents.Kind.class);
    private final Map<String, Timer> authentication = new java.util.HashMap<>();
    private Counter reuse;
    private Timer passwordHash;

    protected MicroProfileMetrics() {
        // for CDI's proxy
    }

    @Inject
    MicroProfileMetrics(MetricRegistry metrics) {
        for (String outcome : new String[] {"success", "failure", "throttled"}) {
            logins.put(outcome, metrics.counter("tokenauth_logins", new Tag("outcome", outcome)));
        }
        for (SecurityEvents.Kind kind : SecurityEvents.Kind.values()) {
            issued.put(kind, metrics.counter("tokenauth_tokens_issued", new Tag("kind", kind.label)));
            revoked.put(kind, metrics.counter("tokenauth_tokens_revoked", new Tag("kind", kind.label)));
        }
        reuse = metrics.counter("tokenauth_refresh_reuse_detected");
        for (String credential : new String[] {"token", "jwt"}) {
            authentication.put(credential, metrics.timer("tokenauth_authentication", new Tag("credential", credential)));
        }
        passwordHash = metrics.timer("tokenauth_password_hash");
    }

    @Override
    public void login(String outcome) {
        logins.get(outcome).inc();
    }

    @Override
    public void issued(SecurityEvents.Kind kind) {
        issued.get(kind).inc();
    }

    @Override
    public void revoked(SecurityEvents.Kind kind, int count) {
        revoked.get(kind).inc(count);
    }

    @Override
    public void reuseDetected() {
        reuse.inc();
    }

    @Override
    public void authenticated(String credential, long nanos) {
        authentication.get(credential).update(Duration.ofNanos(nanos));
    }

    @Override
    public void passwordHashed(long nanos) {
        passwordHash.update(Duration.ofNanos(nanos));
    }
}
