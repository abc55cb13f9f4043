package org.tokenauth.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Security metrics in the server's MicroProfile Metrics registry, each with its HELP text, registered
 * at start so that {@code /metrics} shows them at zero before the first event. On a server without
 * MicroProfile Metrics this bean does not exist: {@code beans.xml} excludes it when the API is not there.
 *
 * <p>Durations are timers with the unit nanoseconds, exported as Prometheus histograms in seconds
 * (buckets, {@code _count}, {@code _sum}, mean and max all in seconds): the buckets and the absence of
 * percentiles are set in {@code microprofile-config.properties}, because Payara Micro writes a timer's
 * percentiles in nanoseconds under a name that says seconds.
 */
@ApplicationScoped
class MicroProfileMetrics implements SecurityMetrics {

    private final Map<String, Counter> logins = new HashMap<>();
    private final Map<SecurityEvents.Kind, Counter> issued = new EnumMap<>(SecurityEvents.Kind.class);
    private final Map<SecurityEvents.Kind, Counter> revoked = new EnumMap<>(SecurityEvents.Kind.class);
    private final Map<String, Timer> authentication = new HashMap<>();
    private Counter reuse;
    private Timer passwordHash;

    protected MicroProfileMetrics() {
        // for CDI's proxy
    }

    @Inject
    MicroProfileMetrics(MetricRegistry metrics) {
        Metadata loginsMeta = counter("tokenauth_logins",
                "Password checks (login for a JWT pair or an API token, password change) by outcome: success, failure, or throttled (429, no check)");
        for (String outcome : new String[] {"success", "failure", "throttled"}) {
            logins.put(outcome, metrics.counter(loginsMeta, new Tag("outcome", outcome)));
        }
        Metadata issuedMeta = counter("tokenauth_tokens_issued", "Credentials issued, by kind: api_token, access_token, refresh_token");
        Metadata revokedMeta = counter("tokenauth_tokens_revoked",
                "Credentials revoked before their expiry, by kind; a login session ended counts one access_token and one refresh_token");
        for (SecurityEvents.Kind kind : SecurityEvents.Kind.values()) {
            issued.put(kind, metrics.counter(issuedMeta, new Tag("kind", kind.label)));
            revoked.put(kind, metrics.counter(revokedMeta, new Tag("kind", kind.label)));
        }
        reuse = metrics.counter(counter("tokenauth_refresh_reuse_detected",
                "Refresh tokens presented a second time (each ends its login session); not those of sessions ended otherwise"));
        Metadata authenticationMeta = timer("tokenauth_authentication",
                "Time to check the credential of a request, by kind: token (API token) or jwt (bearer token)");
        for (String credential : new String[] {"token", "jwt"}) {
            authentication.put(credential, metrics.timer(authenticationMeta, new Tag("credential", credential)));
        }
        passwordHash = metrics.timer(timer("tokenauth_password_hash",
                "Time of each Argon2id password hash or verification, not counting the wait for a turn"));
    }

    private static Metadata counter(String name, String help) {
        return Metadata.builder().withName(name).withDescription(help).build();
    }

    private static Metadata timer(String name, String help) {
        return Metadata.builder().withName(name).withDescription(help).withUnit(MetricUnits.NANOSECONDS).build();
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
