package org.tokenauth.audit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenauth.platform.JsonP;

/**
 * Every security event, once: a JSON line in the audit log (logger {@code org.tokenauth.audit},
 * through java.util.logging so the server's logging configuration routes it) and a metric where the
 * server has MicroProfile Metrics. The audit line names who, from where and which token or session,
 * never a secret or a password.
 */
@ApplicationScoped
public class SecurityEvents {

    public static final String AUDIT_LOGGER = "org.tokenauth.audit";
    private static final Logger AUDIT = Logger.getLogger(AUDIT_LOGGER);
    private static final Logger LOG = Logger.getLogger(SecurityEvents.class.getName());

    public enum Kind {
        API_TOKEN("api_token"), ACCESS_TOKEN("access_token"), REFRESH_TOKEN("refresh_token");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    @Inject
    Instance<HttpServletRequest> request;

    /** Unresolvable where the server has no MicroProfile Metrics (see beans.xml). */
    @Inject
    Instance<SecurityMetrics> metricsOfThisServer;

    private SecurityMetrics metrics = SecurityMetrics.NONE;

    @PostConstruct
    void init() {
        if (metricsOfThisServer.isResolvable()) {
            metrics = metricsOfThisServer.get();
        } else {
            LOG.info("this server has no MicroProfile Metrics; security events go to the audit log only");
        }
    }

    /** Registers the metrics at start, so that /metrics shows them at zero before the first event. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine(() -> "security metrics: " + metrics.getClass().getSimpleName());
    }

    public void loginSucceeded(String accountId) {
        metrics.login("success");
        audit("login_succeeded", accountId, null, null, null);
    }

    /** @param accountId the account, when the username exists */
    public void loginFailed(String accountId) {
        metrics.login("failure");
        audit("login_failed", accountId, null, null, null);
    }

    public void loginThrottled() {
        metrics.login("throttled");
        audit("login_throttled", null, null, null, null);
    }

    public void issued(Kind kind, String accountId, String tokenId, String sessionId) {
        metrics.issued(kind);
        audit(kind.label + "_created", accountId, tokenId, sessionId, null);
    }

    public void revoked(Kind kind, String accountId, String tokenId, int count, RevocationReason reason) {
        if (count > 0) {
            metrics.revoked(kind, count);
            audit(kind.label + "_revoked", accountId, tokenId, null, reason.label() + (count > 1 ? " (" + count + ")" : ""));
        }
    }

    /** A login session ended: its refresh tokens, and its access tokens, which stop at once too. */
    public void sessionEnded(String accountId, String sessionId, RevocationReason reason) {
        metrics.revoked(Kind.REFRESH_TOKEN, 1);
        metrics.revoked(Kind.ACCESS_TOKEN, 1);
        audit("session_ended", accountId, null, sessionId, reason.label());
    }

    public void refreshReuseDetected(String accountId, String sessionId) {
        metrics.reuseDetected();
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

    /** A service asked whether a credential is live (RFC 7662); never which credential. */
    public void introspected(String callerAccountId, String callerTokenId, boolean active) {
        audit("token_introspected", callerAccountId, callerTokenId, null, active ? "active" : "inactive");
    }

    public void keyRemoved(String kid) {
        audit("key_removed", null, null, null, "kid " + kid);
    }

    public void authenticated(boolean jwt, long nanos) {
        metrics.authenticated(jwt ? "jwt" : "token", nanos);
    }

    /** One password hash or verification, without the wait for a turn: what Argon2id costs here. */
    public void passwordHashed(long nanos) {
        metrics.passwordHashed(nanos);
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
