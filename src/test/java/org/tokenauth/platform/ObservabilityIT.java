package org.tokenauth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;

/** Health, metrics and the audit log, as an operator sees them. */
class ObservabilityIT {

    /** The java.util.logging logger of the audit lines, which the server prints to its console. */
    static final String AUDIT_LOGGER = "org.tokenauth.audit";
    static final List<String> AUDITED = List.of("login_succeeded", "api_token_created", "access_token_created", "refresh_token_created",
            "login_failed");

    final TestServer server = TestServers.shared();
    final Api api = server.api();

    @Test
    void readinessChecksTheDatabaseAndTheSigningKey() {
        Api.Reply ready = api.operations().ready();
        assertEquals(200, ready.status(), ready.toString());
        // ours among the server's own (WildFly adds its server-state, deployments-status, ... checks)
        JsonObject check = ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> "token-auth".equals(c.getString("name", null))).findFirst()
                .orElseThrow(() -> new AssertionError("no token-auth check: " + ready));
        assertEquals("UP", check.getString("status"));
        assertEquals("UP", check.getJsonObject("data").getString("database"));
        assertEquals("UP", check.getJsonObject("data").getString("signing_key"));
        Api.Reply live = api.operations().live();
        assertEquals(200, live.status(), live.toString());
        assertEquals("UP", live.json().getString("status"));
    }

    @Test
    void aFailedLoginMovesTheFailureCounter() {
        assumeTrue(server.servesMetrics(), server + " has no MicroProfile Metrics; the counters are optional");
        double before = metric("tokenauth_logins_total", "outcome=\"failure\"");
        double hashes = metric("tokenauth_password_hash_seconds_count", "");
        Api.Reply failed = api.jwt().tryLogin(Api.uniqueName("nobody"), "not the password at all");
        assertEquals(401, failed.status(), failed.toString());
        assertEquals(before + 1, metric("tokenauth_logins_total", "outcome=\"failure\""));
        // an unknown user costs one hash too, against the dummy
        assertEquals(hashes + 1, metric("tokenauth_password_hash_seconds_count", ""));
        assertTrue(metric("tokenauth_password_hash_seconds_sum", "") > 0);

        String name = Api.uniqueName("metrics");
        api.register(name);
        double issued = metric("tokenauth_tokens_issued_total", "kind=\"api_token\"");
        double succeeded = metric("tokenauth_logins_total", "outcome=\"success\"");
        api.createToken(name, Api.PASSWORD);
        assertEquals(issued + 1, metric("tokenauth_tokens_issued_total", "kind=\"api_token\""));
        assertEquals(succeeded + 1, metric("tokenauth_logins_total", "outcome=\"success\""));
    }

    /**
     * The audit logger's lines for a login and a token, as the server prints them, and no secret in
     * any audit line printed meanwhile.
     */
    @Test
    void auditLinesNameTheEventButNoSecret() {
        int before = server.logMessages(AUDIT_LOGGER).size();
        String name = Api.uniqueName("audit");
        String userId = api.register(name).getString("id");
        JsonObject token = api.createToken(name, Api.PASSWORD);
        Api.Reply pair = api.jwt().tryLogin(name, Api.PASSWORD);
        assertEquals(200, pair.status(), pair.toString());
        Api.Reply wrong = api.jwt().tryLogin(name, "wrong password 12345");
        assertEquals(401, wrong.status());

        List<String> lines = auditLinesSince(before, userId);
        List<JsonObject> events = eventsOf(lines, userId);
        List<String> names = events.stream().map(e -> e.getString("event")).toList();
        assertTrue(names.contains("login_succeeded"), names.toString());
        assertTrue(names.contains("api_token_created"), names.toString());
        assertTrue(names.contains("access_token_created"), names.toString());
        assertTrue(names.contains("refresh_token_created"), names.toString());
        assertTrue(names.contains("login_failed"), names.toString());
        JsonObject created = events.stream().filter(e -> e.getString("event").equals("api_token_created")).findFirst().orElseThrow();
        assertEquals(token.getString("id"), created.getString("token_id"));
        assertTrue(created.getString("time").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), created.toString());
        assertTrue(created.containsKey("client"), created.toString());

        String all = String.join("\n", lines);
        assertFalse(all.contains(Api.PASSWORD), "a password reached the audit log");
        assertFalse(all.contains("wrong password 12345"), "a password reached the audit log");
        assertFalse(all.contains(token.getString("token")), "an API token reached the audit log");
        assertFalse(all.contains(pair.json().getString("access_token")), "an access token reached the audit log");
        assertFalse(all.contains(pair.json().getString("refresh_token")), "a refresh token reached the audit log");
        assertFalse(all.contains("tka_") || all.contains("tkr_") || all.contains("eyJ"), all);
    }

    /**
     * The audit lines printed after the first {@code skip}, once those of the user name every
     * {@link #AUDITED} event, or after ten seconds: the server's console reaches its log file a
     * little after the answer.
     */
    private List<String> auditLinesSince(int skip, String userId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            List<String> all = server.logMessages(AUDIT_LOGGER);
            List<String> lines = all.subList(Math.min(skip, all.size()), all.size());
            if (eventsOf(lines, userId).stream().map(e -> e.getString("event")).toList().containsAll(AUDITED)
                    || Instant.now().isAfter(deadline)) {
                return lines;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The audit events (each line is one JSON object) about this user. */
    private static List<JsonObject> eventsOf(List<String> lines, String userId) {
        return lines.stream().map(l -> Json.createReader(new StringReader(l)).readObject())
                .filter(e -> userId.equals(e.getString("user_id", null))).toList();
    }

    private double metric(String name, String label) {
        Api.Reply metrics = api.operations().metrics();
        assertEquals(200, metrics.status(), metrics.toString());
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.eE+-]+)\\s*$").matcher(metrics.body());
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + "{" + label + "} not in /metrics:\n" + metrics.body().lines()
                .filter(l -> l.startsWith("tokenauth")).toList());
    }
}
