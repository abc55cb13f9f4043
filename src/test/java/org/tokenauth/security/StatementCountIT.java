package org.tokenauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenauth.support.Api;
import org.tokenauth.support.Deployments;
import org.tokenauth.support.StatementRecorder;
import org.tokenauth.support.StatementRecorder.Recorded;

/**
 * What authentication costs in SQL statements, counted inside the server (EclipseLink's session
 * events) while real HTTP requests run: a JWT must cost none; an API token one indexed lookup the
 * first time, none once the server knows it, and {@code last_used_at} at most one write a minute.
 *
 * <p>There is no endpoint that authenticates and reads nothing else, so the requests are
 * {@code GET /api/me}, which reads the caller's account itself ({@code em.find}: one
 * {@code SELECT ... FROM ACCOUNTS WHERE (ID = ?)} while the shared cache is off). The statements are
 * therefore told apart by table: those on {@code API_TOKENS}, {@code LOGIN_SESSIONS} and
 * {@code REFRESH_TOKENS} are the credential's cost, those on {@code ACCOUNTS} alone are
 * {@code /api/me}'s own. The account reads are upper bounds, so a cache added later keeps this test
 * green.
 */
@ExtendWith(ArquillianExtension.class)
class StatementCountIT {

    static final int REQUESTS = 50;

    // EclipseLink's SQL on H2, e.g. "SELECT ID, created_at, ... FROM accounts WHERE (ID = ?)"; the
    // patterns ignore case and the order of the tables in a join.
    /** /api/me's own read of the account, by primary key. */
    static final Pattern ACCOUNT_BY_ID = sql("SELECT [^;]+ FROM accounts WHERE \\(ID = \\?\\)");
    /** The API token's one lookup: by hash, with its account joined (JOIN FETCH). */
    static final Pattern TOKEN_BY_HASH = sql(
            "SELECT [^;]+ FROM (api_tokens t\\d, accounts t\\d|accounts t\\d, api_tokens t\\d) WHERE [^;]*\\bt\\d\\.token_hash = \\?[^;]*");
    /** The at-most-once-a-minute record of the token's use. */
    static final Pattern TOUCH = sql(
            "UPDATE api_tokens SET last_used_at = \\? WHERE \\(\\(ID = \\?\\) AND \\(\\(last_used_at IS NULL\\) OR \\(last_used_at < \\?\\)\\)\\)");
    static final Pattern CREDENTIAL_TABLES = sql("\\b(api_tokens|login_sessions|refresh_tokens)\\b");
    static final Pattern SESSION_TABLES = sql("\\b(login_sessions|refresh_tokens)\\b");

    private static Pattern sql(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    @Deployment(testable = true)
    static WebArchive deployment() {
        return Deployments.inContainer(StatementCountIT.class, StatementRecorder.class, Recorded.class);
    }

    @Inject
    StatementRecorder recorder;

    /** The Arquillian runner's request: its local port is the server's HTTP port. */
    @Inject
    HttpServletRequest runnerRequest;

    Api api;
    String name;
    String jwt;
    String token;

    @BeforeEach
    void userWithBothCredentials() throws MalformedURLException {
        // the server calls itself over the loopback interface
        api = new Api(new URL("http", "127.0.0.1", runnerRequest.getLocalPort(), "/"));
        name = Api.uniqueName("count");
        api.register(name);
        Api.Reply login = api.post("/api/auth/jwt", Json.createObjectBuilder().add("username", name).add("password", Api.PASSWORD).build());
        assertEquals(200, login.status(), login.toString());
        jwt = login.json().getString("access_token");
        token = api.createToken(name, Api.PASSWORD).getString("token");
        // warm both paths: the verifier's keys are loaded, and the token's first use records it
        assertEquals(200, api.get("/api/me", Api.bearer(jwt)).status());
        assertEquals(200, api.get("/api/me", Api.token(token)).status());
    }

    @Test
    void aJwtCostsNoStatementAtAll() {
        Recorded recorded = recorder.record(() -> meTimes(REQUESTS, Api.bearer(jwt)));

        // every statement is /api/me's own SELECT ... FROM accounts WHERE (ID = ?); authentication
        // adds none (the signature check and the revocation state are in memory)
        List<String> credentials = mentioning(recorded.sql(), CREDENTIAL_TABLES);
        assertEquals(List.of(), credentials, "statements on credential tables for a JWT");
        assertTrue(recorded.count() <= REQUESTS, () -> "more than one statement per request: " + describe(recorded));
        List<String> others = notMatching(recorded.sql(), ACCOUNT_BY_ID);
        assertEquals(List.of(), others, () -> "statements other than /api/me's account read: " + describe(recorded));
        System.out.println("StatementCountIT: Bearer, " + REQUESTS + " requests: " + describe(recorded));
    }

    @Test
    void anApiTokenCostsOneIndexedLookupAtFirstAndNoneOnceKnown() {
        String fresh = api.createToken(name, Api.PASSWORD).getString("token");
        Recorded first = recorder.record(() -> meTimes(1, Api.token(fresh)));
        // SELECT ... FROM accounts t0, api_tokens t1 WHERE ((t1.token_hash = ?) AND (t0.ID = t1.account_id))
        // (authentication, its account joined), its first use recorded, and /api/me's own account read
        assertEquals(1, matching(first.sql(), TOKEN_BY_HASH).size(), () -> "lookups by hash: " + describe(first));
        assertEquals(1, matching(first.sql(), TOUCH).size(), () -> "first use recorded: " + describe(first));
        assertTrue(matching(first.sql(), ACCOUNT_BY_ID).size() <= 1, () -> describe(first));
        assertEquals(first.count(), 2 + matching(first.sql(), ACCOUNT_BY_ID).size(), () -> "statements of another kind: " + describe(first));

        // the token used in the warm-up is known: no lookup, and last_used_at at most once (this
        // minute's use is recorded already, unless the minute ends during the batch)
        Recorded recorded = recorder.record(() -> meTimes(REQUESTS, Api.token(token)));
        List<String> lookups = matching(recorded.sql(), TOKEN_BY_HASH);
        List<String> touches = matching(recorded.sql(), TOUCH);
        List<String> accountReads = matching(recorded.sql(), ACCOUNT_BY_ID);
        assertEquals(List.of(), lookups, () -> "lookups by hash of a known token: " + describe(recorded));
        assertTrue(touches.size() <= 1, () -> "last_used_at written more than once: " + describe(recorded));
        assertTrue(accountReads.size() <= REQUESTS, () -> "account reads: " + describe(recorded));
        assertEquals(recorded.count(), touches.size() + accountReads.size(), () -> "statements of another kind: " + describe(recorded));
        assertEquals(List.of(), mentioning(recorded.sql(), SESSION_TABLES), "statements on sessions for an API token");
        System.out.println("StatementCountIT: Token, " + REQUESTS + " requests: " + describe(recorded));

        // revoked: refused at once, after one lookup that finds nothing
        String tokenId = api.get("/api/me", Api.token(token)).json().getJsonObject("auth").getString("token_id");
        assertEquals(204, api.delete("/api/auth/tokens/" + tokenId, Api.token(token)).status());
        Recorded revoked = recorder.record(() -> assertEquals(401, api.get("/api/me", Api.token(token)).status()));
        assertEquals(1, revoked.count(), () -> describe(revoked));
        assertEquals(1, matching(revoked.sql(), TOKEN_BY_HASH).size(), () -> describe(revoked));
    }

    private void meTimes(int times, String... authorization) {
        for (int i = 0; i < times; i++) {
            Api.Reply reply = api.get("/api/me", authorization);
            assertEquals(200, reply.status(), reply.toString());
        }
    }

    /** The statements that are wholly of this form. */
    private static List<String> matching(List<String> sql, Pattern pattern) {
        return sql.stream().filter(s -> pattern.matcher(normalized(s)).matches()).toList();
    }

    /** The statements that name one of these tables. */
    private static List<String> mentioning(List<String> sql, Pattern tables) {
        return sql.stream().filter(s -> tables.matcher(normalized(s)).find()).toList();
    }

    private static List<String> notMatching(List<String> sql, Pattern pattern) {
        return sql.stream().filter(s -> !pattern.matcher(normalized(s)).matches()).toList();
    }

    private static String normalized(String sql) {
        return sql.replaceAll("\\s+", " ").strip();
    }

    /** "N statements: 50 × SELECT ..., 1 × UPDATE ...": each distinct statement and how often it ran. */
    private static String describe(Recorded recorded) {
        return recorded.count() + " statements: " + recorded.sql().stream()
                .collect(Collectors.groupingBy(StatementCountIT::normalized, java.util.LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " × " + e.getKey()).collect(Collectors.joining("; "));
    }

}
