package org.tokenauth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenauth.support.Api;
import org.tokenauth.support.Deployments;

/** Health, metrics and the audit log, as an operator sees them. */
@ExtendWith(ArquillianExtension.class)
class ObservabilityIT {

    @Deployment(testable = true)
    static WebArchive deployment() {
        return Deployments.inContainer(ObservabilityIT.class);
    }

    @ArquillianResource
    URL base;

    @Test
    @RunAsClient
    void readinessChecksTheDatabaseAndTheSigningKey() {
        Api.Reply ready = new Api(base).get("/health/ready");
        assertEquals(200, ready.status(), ready.toString());
        JsonObject check = ready.json().getJsonArray("checks").getJsonObject(0);
        assertEquals("UP", check.getString("status"));
        assertEquals("UP", check.getJsonObject("data").getString("database"));
        assertEquals("UP", check.getJsonObject("data").getString("signing_key"));
        Api.Reply live = new Api(base).get("/health/live");
        assertEquals(200, live.status(), live.toString());
        assertEquals("UP", live.json().getString("status"));
    }

    @Test
    @RunAsClient
    void aFailedLoginMovesTheFailureCounter() {
        Api api = new Api(base);
        double before = metric(api, "tokenauth_logins_total", "outcome=\"failure\"");
        double hashes = metric(api, "tokenauth_password_hash_seconds_count", "");
        Api.Reply failed = api.post("/api/auth/jwt", Json.createObjectBuilder()
                .add("username", Api.uniqueName("nobody")).add("password", "not the password at all").build());
        assertEquals(401, failed.status(), failed.toString());
        assertEquals(before + 1, metric(api, "tokenauth_logins_total", "outcome=\"failure\""));
        // an unknown user costs one hash too, against the dummy
        assertEquals(hashes + 1, metric(api, "tokenauth_password_hash_seconds_count", ""));
        assertTrue(metric(api, "tokenauth_password_hash_seconds_sum", "") > 0);

        String name = Api.uniqueName("metrics");
        api.register(name);
        double issued = metric(api, "tokenauth_tokens_issued_total", "kind=\"api_token\"");
        double succeeded = metric(api, "tokenauth_logins_total", "outcome=\"success\"");
        api.createToken(name, Api.PASSWORD);
        assertEquals(issued + 1, metric(api, "tokenauth_tokens_issued_total", "kind=\"api_token\""));
        assertEquals(succeeded + 1, metric(api, "tokenauth_logins_total", "outcome=\"success\""));
    }

    /** In the container: the audit logger's lines for a login and a token, and no secret in them. */
    @Test
    void auditLinesNameTheEventButNoSecret() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger audit = Logger.getLogger("org.tokenauth.audit");
        audit.addHandler(capture);
        try {
            Api api = new Api(base);
            String name = Api.uniqueName("audit");
            String userId = api.register(name).getString("id");
            JsonObject token = api.createToken(name, Api.PASSWORD);
            Api.Reply pair = api.post("/api/auth/jwt", Json.createObjectBuilder().add("username", name).add("password", Api.PASSWORD).build());
            assertEquals(200, pair.status(), pair.toString());
            Api.Reply wrong = api.post("/api/auth/jwt", Json.createObjectBuilder().add("username", name).add("password", "wrong password 12345").build());
            assertEquals(401, wrong.status());

            List<JsonObject> events = lines.stream().map(l -> Json.createReader(new StringReader(l)).readObject())
                    .filter(e -> userId.equals(e.getString("user_id", null))).toList();
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
        } finally {
            audit.removeHandler(capture);
        }
    }

    private static double metric(Api api, String name, String label) {
        Api.Reply metrics = api.get("/metrics", "Accept", "text/plain");
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
