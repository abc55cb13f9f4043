package org.tokenauth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServers;

/**
 * Issue 14: the metrics tell the truth. A scripted sequence of logins, failures, refreshes, one real
 * reuse, a refresh token of an ended session, a logout and a revocation, and then every counter has
 * moved by exactly what happened: reuse counts only real reuse, a session ended counts an access
 * token and a refresh token revoked. Every metric has HELP text, and durations are in seconds.
 */
class MetricsIT {

    private static final Pattern SAMPLE = Pattern.compile("^(tokenauth_[a-z_]+)\\{([^}]*)\\} ([0-9.eE+-]+)$");

    final Api api = TestServers.shared().api();

    @Test
    void everyCounterMovesByWhatHappened() {
        String name = Api.uniqueName("metrics");
        api.register(name);
        String blocked = Api.uniqueName("metrics-throttled");
        api.register(blocked);
        Map<String, Double> before = samples();

        JsonObject first = api.jwt().login(name, Api.PASSWORD);                                  // success, access + refresh issued
        assertEquals(401, api.jwt().tryLogin(name, "not the password at all").status());         // failure
        String token = api.createToken(name, Api.PASSWORD).getString("token");                  // success, api token issued
        JsonObject rotated = api.jwt().refresh(first.getString("refresh_token")).json();         // access + refresh issued
        assertEquals(401, api.jwt().refresh(first.getString("refresh_token")).status());         // reuse: the session ends
        JsonObject second = api.jwt().login(name, Api.PASSWORD);                                 // success, access + refresh issued
        assertEquals(204, api.jwt().logout(Api.bearer(second.getString("access_token"))).status()); // the session ends
        assertEquals(401, api.jwt().refresh(second.getString("refresh_token")).status());        // ended, not reuse
        String id = api.tokens().list(Api.token(token)).jsonArray().getJsonObject(0).getString("id");
        assertEquals(204, api.tokens().revoke(id, Api.token(token)).status());                   // api token revoked
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api.jwt().tryLogin(blocked, "wrong " + i).status());               // 5 failures
        }
        assertEquals(429, api.jwt().tryLogin(blocked, Api.PASSWORD).status());                   // throttled
        assertEquals(401, api.accounts().me(Api.bearer(rotated.getString("access_token"))).status(), "its session ended by reuse");

        Map<String, Double> expected = new TreeMap<>();
        expected.put("tokenauth_logins_total{outcome=\"success\"}", 3.0);
        expected.put("tokenauth_logins_total{outcome=\"failure\"}", 6.0);
        expected.put("tokenauth_logins_total{outcome=\"throttled\"}", 1.0);
        expected.put("tokenauth_tokens_issued_total{kind=\"access_token\"}", 3.0);
        expected.put("tokenauth_tokens_issued_total{kind=\"refresh_token\"}", 3.0);
        expected.put("tokenauth_tokens_issued_total{kind=\"api_token\"}", 1.0);
        expected.put("tokenauth_tokens_revoked_total{kind=\"access_token\"}", 2.0);
        expected.put("tokenauth_tokens_revoked_total{kind=\"refresh_token\"}", 2.0);
        expected.put("tokenauth_tokens_revoked_total{kind=\"api_token\"}", 1.0);
        expected.put("tokenauth_refresh_reuse_detected_total{}", 1.0);
        // a hash for every password check that was not throttled
        expected.put("tokenauth_password_hash_seconds_count{}", 9.0);

        Map<String, Double> after = samples();
        Map<String, Double> moved = new TreeMap<>();
        expected.keySet().forEach(k -> moved.put(k, after.getOrDefault(k, 0.0) - before.getOrDefault(k, 0.0)));
        assertEquals(expected, moved);
    }

    @Test
    void everyMetricHasHelpTextAndDurationsAreInSeconds() {
        String name = Api.uniqueName("metrics-help");
        api.register(name);
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        assertEquals(200, api.accounts().me(Api.token(token)).status());
        String text = api.operations().metrics().body();
        List<String> families = new ArrayList<>();
        Map<String, String> help = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("# TYPE tokenauth_")) {
                families.add(line.split(" ")[2]);
            } else if (line.startsWith("# HELP tokenauth_")) {
                String[] parts = line.split(" ", 4);
                help.put(parts[2], parts.length > 3 ? parts[3].strip() : "");
            }
        }
        assertFalse(families.isEmpty(), text);
        for (String family : families) {
            if (!family.endsWith("_mean")) { // a gauge the server adds beside each timer, with no text of its own
                assertFalse(help.getOrDefault(family, "").isBlank(), "no HELP text for " + family);
            }
        }
        // the timers: histograms in seconds; one hash takes tens of milliseconds, never tens of millions of seconds
        for (String timer : List.of("tokenauth_password_hash_seconds", "tokenauth_authentication_seconds")) {
            assertTrue(text.contains("# TYPE " + timer + " histogram"), timer + " is not a histogram in seconds");
            assertFalse(Pattern.compile("(?m)^" + timer + "\\{[^}]*quantile=").matcher(text).find(), "no percentiles (see MicroProfileMetrics)");
        }
        double hashes = samples().get("tokenauth_password_hash_seconds_count{}");
        double seconds = samples().get("tokenauth_password_hash_seconds_sum{}");
        double max = samples().get("tokenauth_password_hash_seconds_max{}");
        assertTrue(seconds > 0 && seconds / hashes < 10, "average hash of " + seconds / hashes + " s");
        assertTrue(max > 0 && max < 10, "longest hash of " + max + " s");
    }

    /** Every tokenauth sample, by name and labels (without the scope label the server adds). */
    private Map<String, Double> samples() {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : api.operations().metrics().body().lines().toList()) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (m.matches()) {
                String labels = String.join(",", java.util.Arrays.stream(m.group(2).split(","))
                        .filter(l -> !l.isBlank() && !l.startsWith("mp_scope=")).sorted().toList());
                samples.put(m.group(1) + "{" + labels + "}", Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }
}
