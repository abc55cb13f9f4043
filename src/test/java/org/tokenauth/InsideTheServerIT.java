package org.tokenauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertProblem;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenauth.jwt.control.SigningKeys;
import org.tokenauth.support.Api;
import org.tokenauth.support.Deployments;
import org.tokenauth.support.StatementRecorder;
import org.tokenauth.support.StatementRecorder.Recorded;

/**
 * The tests that must reach inside the server, in one deployment: what the database holds, tokens
 * that only the server's own signing key can make, and the SQL statements a request costs. The
 * Arquillian Payara Micro adapter starts a server per deployment, so they are one class; every other
 * integration test is a black box against a server that {@code support/TestServers} shares.
 *
 * <p>Each test runs inside the server and calls it over HTTP, as a client would, at the URL of the
 * deployment.
 */
@ExtendWith(ArquillianExtension.class)
class InsideTheServerIT {

    @Deployment(testable = true)
    static WebArchive deployment() {
        return Deployments.inContainer(InsideTheServerIT.class, StatementRecorder.class, Recorded.class);
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = "jdbc/tokenauth")
    DataSource dataSource;

    @Inject
    SigningKeys keys;

    @Inject
    StatementRecorder recorder;

    private Api api() {
        return new Api(base);
    }

    // ------------------------------------------------------------------ what the database keeps of an API token

    /** The database keeps only the SHA-256 of an API token, never the token. */
    @Test
    void theDatabaseHoldsTheHashOfATokenAndNeverTheToken() throws Exception {
        assertNotNull(base, "the deployment URL was not injected in-container");
        assertNotNull(dataSource, "jdbc/tokenauth was not injected");
        Api api = api();
        String name = Api.uniqueName("stored");
        api.register(name);
        JsonObject issued = api.createToken(name, Api.PASSWORD);
        String secret = issued.getString("token");
        String id = issued.getString("id");
        // a use, so that whatever a use writes is in the table too
        assertEquals(200, api.accounts().me(Api.token(secret)).status());
        String secretPart = secret.substring(12); // everything past the prefix that is kept in clear

        try (Connection connection = dataSource.getConnection()) {
            // the token's own row: the hash of the secret, the prefix in clear
            int rows = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM api_tokens");
                 ResultSet result = select.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                int hashColumn = column(meta, "token_hash");
                int idColumn = column(meta, "id");
                int prefixColumn = column(meta, "prefix");
                boolean found = false;
                while (result.next()) {
                    rows++;
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        String value = result.getString(c);
                        if (value != null) {
                            assertFalse(value.contains(secretPart),
                                    "column " + meta.getColumnLabel(c) + " holds the token in clear: " + value);
                        }
                    }
                    if (id.equals(result.getString(idColumn))) {
                        found = true;
                        assertEquals(sha256Hex(secret), result.getString(hashColumn).toLowerCase(Locale.ROOT));
                        assertEquals(secret.substring(0, 12), result.getString(prefixColumn));
                    }
                }
                assertTrue(found, "no api_tokens row with id " + id + " among " + rows);
            }

            // and no other table has it either
            for (String table : tables(connection)) {
                try (PreparedStatement select = connection.prepareStatement("SELECT * FROM \"" + table + "\"");
                     ResultSet result = select.executeQuery()) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            String value = result.getString(c);
                            assertFalse(value != null && value.contains(secretPart),
                                    "table " + table + " column " + meta.getColumnLabel(c) + " holds the token in clear");
                        }
                    }
                }
            }
        }

        // revoking deletes the row: nothing about the token outlives it
        assertEquals(204, api.tokens().revoke(id, Api.token(secret)).status());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?")) {
            select.setString(1, sha256Hex(secret));
            try (ResultSet result = select.executeQuery()) {
                assertTrue(result.next());
                assertEquals(0, result.getInt(1));
            }
        }
    }

    private static int column(ResultSetMetaData meta, String name) throws SQLException {
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            if (meta.getColumnLabel(c).equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new AssertionError("api_tokens has no column " + name);
    }

    /** The application's own tables (the schema the data source connects to). */
    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet result = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (result.next()) {
                tables.add(result.getString("TABLE_NAME"));
            }
        }
        assertTrue(tables.stream().anyMatch(t -> t.equalsIgnoreCase("api_tokens")), "tables found: " + tables);
        return tables;
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ JWTs signed with the server's own key

    /*
     * Tokens that only the server could sign: minted here with the real signing key, then sent to
     * GET /api/me. The signature is always valid, so a refusal is the verifier checking the claims
     * (expiry, issuer, presence of exp), not the signature.
     */

    @Test
    void aTokenMintedWithTheRealKeyAndValidClaimsIsAccepted() throws Exception {
        Api api = api();
        JWTClaimsSet real = realClaims(api, "InValid");
        String jwt = mint(real, b -> b.issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300)));
        Api.Reply reply = api.accounts().me(Api.bearer(jwt));
        assertEquals(200, reply.status(), "control: a well-formed token signed with the real key must be accepted: " + reply);
        JsonObject me = reply.json();
        assertEquals(real.getSubject(), me.getString("id"));
        assertEquals(real.getStringClaim("upn"), me.getString("username"));
        assertEquals("jwt", me.getJsonObject("auth").getString("method"));
        assertEquals(real.getStringClaim("sid"), me.getJsonObject("auth").getString("session_id"));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Api api = api();
        JWTClaimsSet real = realClaims(api, "InExpired");
        // expired 10 minutes ago: far outside the 30 s clock skew
        String jwt = mint(real, b -> b.issueTime(secondsFromNow(-900)).expirationTime(secondsFromNow(-600)));
        assertRefused(api, jwt, "expired 10 minutes ago");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        Api api = api();
        JWTClaimsSet real = realClaims(api, "InIssuer");
        String jwt = mint(real, b -> b.issuer("evil").issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300)));
        assertRefused(api, jwt, "iss evil");
        String noIssuer = mint(real, b -> b.issuer(null).issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300)));
        assertRefused(api, noIssuer, "no iss");
    }

    @Test
    void aTokenWithoutExpIsRefused() throws Exception {
        Api api = api();
        JWTClaimsSet real = realClaims(api, "InNoExp");
        String jwt = mint(real, b -> b.issueTime(secondsFromNow(0)).expirationTime(null));
        assertRefused(api, jwt, "no exp");
    }

    @Test
    void aTokenForAnUnknownUserIsRefused() throws Exception {
        Api api = api();
        JWTClaimsSet real = realClaims(api, "InUnknown");
        String jwt = mint(real, b -> b.subject(UUID.randomUUID().toString()).claim("upn", Api.uniqueName("ghost"))
                .issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300)));
        assertProblem(api.accounts().me(Api.bearer(jwt)), 401, "sub of no account");
    }

    /** Issue 10: the session check must not depend on the token being ours; a token without a string sid is refused. */
    @Test
    void aTokenWithoutAStringSidIsRefused() throws Exception {
        Api api = new Api(base);
        JWTClaimsSet real = realClaims(api, "InNoSid");
        assertRefused(api, mint(real, b -> b.claim("sid", null).issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300))), "no sid");
        assertRefused(api, mint(real, b -> b.claim("sid", 42).issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300))), "sid 42");
        String sid = real.getStringClaim("sid");
        assertRefused(api, mint(real, b -> b.claim("sid", List.of(sid)).issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300))),
                "sid in an array");
    }

    /**
     * Issue 10, item 5: a retired key never signs again, so a token that claims to be signed by it
     * after its retirement (a leaked key) is refused, while what it signed before keeps working until
     * it expires. The grace for servers that have not yet heard of the rotation is 10 s; the clock skew
     * 30 s, so a token "issued" 15 s from now passes every other check.
     */
    @Test
    void aRetiredKeyDoesNotSignAfterItsRetirement() throws Exception {
        Api api = new Api(base);
        JWTClaimsSet real = realClaims(api, "InRetired");
        RSAKey leaked = keys.signingKey();
        String before = mint(leaked, real, b -> b.issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300)));
        keys.rotate();
        assertNotEquals(leaked.getKeyID(), keys.currentKid());
        assertEquals(200, api.accounts().me(Api.bearer(before)).status(), "signed before the retirement: works until it expires");
        String after = mint(leaked, real, b -> b.issueTime(secondsFromNow(15)).expirationTime(secondsFromNow(300)));
        assertRefused(api, after, "signed by the retired key after its retirement");
        String current = mint(real, b -> b.issueTime(secondsFromNow(15)).expirationTime(secondsFromNow(300)));
        assertEquals(200, api.accounts().me(Api.bearer(current)).status(), "control: the same claims signed by the current key");
    }

    /** The claims of a real login of a freshly registered user: sub, upn, groups, sid, iss, iat, exp, jti. */
    private static JWTClaimsSet realClaims(Api api, String stem) throws Exception {
        String name = Api.uniqueName(stem);
        api.register(name);
        String jwt = api.jwt().login(name, Api.PASSWORD).getString("access_token");
        assertEquals(200, api.accounts().me(Api.bearer(jwt)).status(), "control: the issued token works");
        JWTClaimsSet claims = SignedJWT.parse(jwt).getJWTClaimsSet();
        assertEquals(name, claims.getStringClaim("upn"));
        assertNotNull(claims.getStringClaim("sid"));
        return claims;
    }

    /** The real claims with the given changes, a fresh jti, signed with the server's current key. */
    private String mint(JWTClaimsSet real, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return mint(keys.signingKey(), real, change);
    }

    /** The same, signed with this key. */
    private static String mint(RSAKey key, JWTClaimsSet real, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder(real).jwtID(UUID.randomUUID().toString());
        JWTClaimsSet claims = change.apply(builder).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.ofEpochSecond(Instant.now().getEpochSecond() + seconds));
    }

    private static void assertRefused(Api api, String jwt, String what) {
        Api.Reply reply = api.accounts().me(Api.bearer(jwt));
        assertProblem(reply, 401, what);
        String challenge = String.join(", ", reply.headers().allValues("WWW-Authenticate"));
        assertTrue(challenge.contains("error=\"invalid_token\""), what + ": WWW-Authenticate " + challenge);
    }

    // ------------------------------------------------------------------ SQL statements per authenticated request

    /*
     * What authentication costs in SQL statements, counted here (EclipseLink's session events) while
     * real HTTP requests run: a JWT must cost none; an API token one indexed lookup the first time,
     * none once the server knows it, and last_used_at at most one write a minute.
     *
     * There is no endpoint that authenticates and reads nothing else, so the requests are
     * GET /api/me, which reads the caller's account itself (em.find: one
     * SELECT ... FROM ACCOUNTS WHERE (ID = ?) while the shared cache is off). The statements are
     * therefore told apart by table: those on API_TOKENS, LOGIN_SESSIONS and REFRESH_TOKENS are the
     * credential's cost, those on ACCOUNTS alone are /api/me's own. The account reads are upper
     * bounds, so a cache added later keeps these tests green.
     */

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

    /** A new user and both of its credentials, each used once: the verifier's keys are loaded, and the token's first use recorded. */
    private record Caller(Api api, String name, String jwt, String token) {
    }

    private Caller userWithBothCredentials() {
        Api api = api();
        String name = Api.uniqueName("count");
        api.register(name);
        String jwt = api.jwt().login(name, Api.PASSWORD).getString("access_token");
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        // warm both paths
        assertEquals(200, api.accounts().me(Api.bearer(jwt)).status());
        assertEquals(200, api.accounts().me(Api.token(token)).status());
        return new Caller(api, name, jwt, token);
    }

    @Test
    void aJwtCostsNoStatementAtAll() {
        Caller caller = userWithBothCredentials();
        Recorded recorded = recorder.record(() -> meTimes(caller.api(), REQUESTS, Api.bearer(caller.jwt())));

        // every statement is /api/me's own SELECT ... FROM accounts WHERE (ID = ?); authentication
        // adds none (the signature check and the revocation state are in memory)
        List<String> credentials = mentioning(recorded.sql(), CREDENTIAL_TABLES);
        assertEquals(List.of(), credentials, "statements on credential tables for a JWT");
        assertTrue(recorded.count() <= REQUESTS, () -> "more than one statement per request: " + describe(recorded));
        List<String> others = notMatching(recorded.sql(), ACCOUNT_BY_ID);
        assertEquals(List.of(), others, () -> "statements other than /api/me's account read: " + describe(recorded));
        System.out.println("InsideTheServerIT: Bearer, " + REQUESTS + " requests: " + describe(recorded));
    }

    @Test
    void anApiTokenCostsOneIndexedLookupAtFirstAndNoneOnceKnown() {
        Caller caller = userWithBothCredentials();
        Api api = caller.api();
        String fresh = api.createToken(caller.name(), Api.PASSWORD).getString("token");
        Recorded first = recorder.record(() -> meTimes(api, 1, Api.token(fresh)));
        // SELECT ... FROM accounts t0, api_tokens t1 WHERE ((t1.token_hash = ?) AND (t0.ID = t1.account_id))
        // (authentication, its account joined), its first use recorded, and /api/me's own account read
        assertEquals(1, matching(first.sql(), TOKEN_BY_HASH).size(), () -> "lookups by hash: " + describe(first));
        assertEquals(1, matching(first.sql(), TOUCH).size(), () -> "first use recorded: " + describe(first));
        assertTrue(matching(first.sql(), ACCOUNT_BY_ID).size() <= 1, () -> describe(first));
        assertEquals(first.count(), 2 + matching(first.sql(), ACCOUNT_BY_ID).size(), () -> "statements of another kind: " + describe(first));

        // the token used in the warm-up is known: no lookup, and last_used_at at most once (this
        // minute's use is recorded already, unless the minute ends during the batch)
        String token = caller.token();
        Recorded recorded = recorder.record(() -> meTimes(api, REQUESTS, Api.token(token)));
        List<String> lookups = matching(recorded.sql(), TOKEN_BY_HASH);
        List<String> touches = matching(recorded.sql(), TOUCH);
        List<String> accountReads = matching(recorded.sql(), ACCOUNT_BY_ID);
        assertEquals(List.of(), lookups, () -> "lookups by hash of a known token: " + describe(recorded));
        assertTrue(touches.size() <= 1, () -> "last_used_at written more than once: " + describe(recorded));
        assertTrue(accountReads.size() <= REQUESTS, () -> "account reads: " + describe(recorded));
        assertEquals(recorded.count(), touches.size() + accountReads.size(), () -> "statements of another kind: " + describe(recorded));
        assertEquals(List.of(), mentioning(recorded.sql(), SESSION_TABLES), "statements on sessions for an API token");
        System.out.println("InsideTheServerIT: Token, " + REQUESTS + " requests: " + describe(recorded));

        // revoked: refused at once, after one lookup that finds nothing
        String tokenId = api.accounts().me(Api.token(token)).json().getJsonObject("auth").getString("token_id");
        assertEquals(204, api.tokens().revoke(tokenId, Api.token(token)).status());
        Recorded revoked = recorder.record(() -> assertEquals(401, api.accounts().me(Api.token(token)).status()));
        assertEquals(1, revoked.count(), () -> describe(revoked));
        assertEquals(1, matching(revoked.sql(), TOKEN_BY_HASH).size(), () -> describe(revoked));
    }

    private static void meTimes(Api api, int times, String... authorization) {
        for (int i = 0; i < times; i++) {
            Api.Reply reply = api.accounts().me(authorization);
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
                .collect(Collectors.groupingBy(InsideTheServerIT::normalized, LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " × " + e.getKey()).collect(Collectors.joining("; "));
    }
}
