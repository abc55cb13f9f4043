package org.tokenauth.security;

import org.tokenauth.platform.JsonP;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Every security event, once: a JSON line in the audit log (logger {@code org.tokenauth.audit},
 * through java.util.logging so the server's logging configuration routes it) and a metric. The
 * audit line names who, from where and which token or session, never a secret or a password.
 */
@ApplicationScoped
public class SecurityEvents {

    public static final String AUDIT_LOGGER = "org.tokenauth.audit";
    private static final Logger AUDIT = Logger.getLogger(AUDIT_LOGGER);

    public enum Kind {
        API_TOKEN("api_token"), ACCESS_TOKEN("access_token"), REFRESH_TOKEN("refresh_token");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    @Inject
    MetricRegistry metrics;

    @Inject
    Instance<HttpServletRequest> request;

    private Counter loginSuccess;
    private Counter loginFailure;
    private Counter loginThrottled;
    private Counter reuse;
    private Timer tokenAuthentication;
    private Timer jwtAuthentication;
    private Timer passwordHash;

    @PostConstruct
    void init() {
        loginSuccess = metrics.counter("tokenauth_logins", new Tag("outcome", "success"));
        loginFailure = metrics.counter("tokenauth_logins", new Tag("outcome", "failure"));
        loginThrottled = metrics.counter("tokenauth_logins", new Tag("outcome", "throttled"));
        reuse = metrics.counter("tokenauth_refresh_reuse_detected");
        tokenAuthentication = metrics.timer("tokenauth_authentication", new Tag("credential", "token"));
        jwtAuthentication = metrics.timer("tokenauth_authentication", new Tag("credential", "jwt"));
        passwordHash = metrics.timer("tokenauth_password_hash");
        for (Kind kind : Kind.values()) {
            issuedCounter(kind);
            revokedCounter(kind);
        }
    }

    /** Registers the metrics at start, so that /metrics shows them at zero before the first event. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        loginSuccess.getCount();
    }

    public void loginSucceeded(String accountId) {
        loginSuccess.inc();
        audit("login_succeeded", accountId, null, null, null);
    }

    /** @param accountId the account, when the username exists */
    public void loginFailed(String accountId) {
        loginFailure.inc();
        audit("login_failed", accountId, null, null, null);
    }

    public void loginThrottled() {
        loginThrottled.inc();
        audit("login_throttled", null, null, null, null);
    }

    public void issued(Kind kind, String accountId, String tokenId, String sessionId) {
        issuedCounter(kind).inc();
        audit(kind.label + "_created", accountId, tokenId, sessionId, null);
    }

    public void revoked(Kind kind, String accountId, String tokenId, int count, String reason) {
        if (count > 0) {
            revokedCounter(kind).inc(count);
            audit(kind.label + "_revoked", accountId, tokenId, null, reason + (count > 1 ? " (" + count + ")" : ""));
        }
    }

    public void sessionEnded(String accountId, String sessionId, String reason) {
        revokedCounter(Kind.REFRESH_TOKEN).inc();
        audit("session_ended", accountId, null, sessionId, reason);
    }

    public void refreshReuseDetected(String accountId, String sessionId) {
        reuse.inc();
        audit("refresh_reuse_detected", accountId, null, sessionId, null);
    }

    public void passwordChanged(String accountId) {
        audit("password_changed", accountId, null, null, null);
    }

    public void userChanged(String accountId, String event, String detail) {
        audit(event, accountId, null, null, detail);
    }

    public void keyRotated(String kid, String reason) {
        audit("key_rotated", null, null, null, "kid " + kid + ", " + reason);
    }

    public void authenticated(boolean jwt, long nanos) {
        (jwt ? jwtAuthentication : tokenAuthentication).update(Duration.ofNanos(nanos));
    }

    /** One password hash or verification, without the wait for a turn: what Argon2id costs here. */
    public void passwordHashed(long nanos) {
        passwordHash.update(Duration.ofNanos(nanos));
    }

    private Counter issuedCounter(Kind kind) {
        return metrics.counter("tokenauth_tokens_issued", new Tag("kind", kind.label));
    }

    private Counter revokedCounter(Kind kind) {
        return metrics.counter("tokenauth_tokens_revoked", new Tag("kind", kind.label));
    }

    private void audit(String event, String accountId, String tokenId, String sessionId, String detail) {
        if (!AUDIT.isLoggable(Level.INFO)) {
            return;
        }
        JsonObjectBuilder line = JsonP.PROVIDER.createObjectBuilder()
                .add("time", Instant.now().toString())
                .add("event", event);
        addIfPresent(line, "user_id", accountId);
        addIfPresent(line, "client", clientAddress());
        addIfPresent(line, "token_id", tokenId);
        addIfPresent(line, "session_id", sessionId);
        addIfPresent(line, "detail", detail);
        AUDIT.info(line.build().toString());
    }

    private static void addIfPresent(JsonObjectBuilder line, String key, String value) {
        if (value != null) {
            line.add(key, value);
        }
    }

    private String clientAddress() {
        try {
            return request.get().getRemoteAddr();
        } catch (ContextNotActiveException | IllegalStateException e) {
            return null; // not in a request: start-up, or a timer
        }
    }
}
