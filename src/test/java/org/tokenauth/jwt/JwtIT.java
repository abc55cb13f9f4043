package org.tokenauth.jwt;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServers;
import org.tokenauth.support.Jwts;

/**
 * The JWT half of the API from the outside: login, the token's shape and signature (verified with
 * jose4j against the published JWKS, not with the server's own library), refresh rotation and reuse
 * detection, logout, and forged tokens.
 */
class JwtIT {

    private static final Set<String> PAIR_FIELDS = Set.of("access_token", "token_type", "expires_in", "refresh_token", "refresh_expires_in");
    private static final Set<String> PRIVATE_JWK_FIELDS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    final Api api = TestServers.shared().api();

    // ---------------------------------------------------------------- login

    @Test
    void loginAnswersWithExactlyTheTokenPair() {
        String name = registered("JwtLogin");
        Api.Reply reply = api.jwt().tryLogin(name, Api.PASSWORD);
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        assertTrue(reply.header("Cache-Control").orElse("").contains("no-store"), "Cache-Control: " + reply.headers().map());
        JsonObject pair = reply.json();
        assertEquals(PAIR_FIELDS, pair.keySet(), pair.toString());
        assertEquals("Bearer", pair.getString("token_type"));
        assertEquals(300, pair.getJsonNumber("expires_in").longValueExact());
        assertEquals(86400, pair.getJsonNumber("refresh_expires_in").longValueExact());
        String refresh = pair.getString("refresh_token");
        assertTrue(refresh.startsWith("tkr_"), refresh);
        assertTrue(refresh.length() >= 4 + 43, "at least 256 random bits in base64url: " + refresh);
        assertTrue(refresh.substring(4).matches("[A-Za-z0-9_-]+"), refresh);
        assertEquals(3, Jwts.segments(pair.getString("access_token")).length);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameProblem() {
        String name = registered("JwtWrong");
        Api.Reply wrongPassword = api.jwt().tryLogin(name, Api.PASSWORD + "!");
        Api.Reply unknownUser = api.jwt().tryLogin(Api.uniqueName("JwtNobody"), Api.PASSWORD);
        for (Api.Reply reply : List.of(wrongPassword, unknownUser)) {
            assertEquals(401, reply.status(), reply.toString());
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
            assertEquals(401, reply.json().getInt("status"));
            assertFalse(reply.body().contains("access_token"), reply.body());
        }
        assertEquals(wrongPassword.body(), unknownUser.body(), "the two failures must not be told apart");
        assertEquals(wrongPassword.header("WWW-Authenticate"), unknownUser.header("WWW-Authenticate"));
    }

    // ---------------------------------------------------------------- the token and the JWKS

    @Test
    void accessTokenVerifiesAgainstThePublishedJwksWithAnIndependentLibrary() throws Exception {
        String name = registered("JwtVerify");
        String jwt = login(name).getString("access_token");
        Api.Reply jwksReply = api.jwt().jwks();
        assertEquals(200, jwksReply.status(), jwksReply.toString());

        JsonWebKeySet set = new JsonWebKeySet(jwksReply.body());
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setRequireSubject()
                .setExpectedIssuer("token-auth")
                .setAllowedClockSkewInSeconds(30)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(set.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
        JwtContext verified = consumer.process(jwt); // throws InvalidJwtException if the signature or a claim is wrong
        JwtClaims claims = verified.getJwtClaims();

        JsonObject header = Jwts.header(jwt);
        assertEquals("RS256", header.getString("alg"));
        assertEquals("JWT", header.getString("typ"));
        String kid = header.getString("kid");
        Set<String> kids = set.getJsonWebKeys().stream().map(JsonWebKey::getKeyId).collect(Collectors.toSet());
        assertTrue(kids.contains(kid), "kid " + kid + " not in the JWKS " + kids);
        RSAPublicKey signingKey = (RSAPublicKey) set.getJsonWebKeys().stream().filter(k -> kid.equals(k.getKeyId()))
                .findFirst().orElseThrow().getKey();
        assertTrue(signingKey.getModulus().bitLength() >= 2048, "RSA key of " + signingKey.getModulus().bitLength() + " bits");

        JsonObject me = me(jwt);
        assertEquals("token-auth", claims.getIssuer());
        assertEquals(me.getString("id"), claims.getSubject());
        assertEquals(name, claims.getStringClaimValue("upn"));
        assertEquals(List.of("user"), claims.getStringListClaimValue("groups"));
        long iat = claims.getIssuedAt().getValue();
        long exp = claims.getExpirationTime().getValue();
        assertEquals(iat + 300, exp, "exp = iat + access-ttl");
        assertFalse(claims.getJwtId().isBlank());
        String sid = claims.getStringClaimValue("sid");
        assertNotNull(sid, "sid claim");
        assertFalse(sid.isBlank());

        // the jti is unique: a second login of the same user gets another one, and another session
        String second = login(name).getString("access_token");
        assertNotEquals(claims.getJwtId(), Jwts.claims(second).getString("jti"));
        assertNotEquals(sid, Jwts.claims(second).getString("sid"));
    }

    @Test
    void jwksPublishesOnlyPublicRsaSigningKeysAndIsCacheable() {
        Api.Reply reply = api.jwt().jwks();
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.contentType().contains("json"), reply.contentType());
        String cacheControl = reply.header("Cache-Control").orElse("");
        assertTrue(cacheControl.matches(".*max-age=\\d+.*"), "Cache-Control: " + cacheControl);
        assertFalse(cacheControl.contains("no-store"), "Cache-Control: " + cacheControl);
        JsonObject jwks = reply.json();
        assertEquals(Set.of("keys"), jwks.keySet());
        List<JsonObject> keys = jwks.getJsonArray("keys").getValuesAs(JsonObject.class);
        assertFalse(keys.isEmpty());
        Set<String> kids = new java.util.HashSet<>();
        for (JsonObject key : keys) {
            assertAll(key.toString(),
                    () -> assertEquals("RSA", key.getString("kty")),
                    () -> assertEquals("sig", key.getString("use")),
                    () -> assertEquals("RS256", key.getString("alg")),
                    () -> assertFalse(key.getString("kid").isBlank()),
                    () -> assertFalse(key.getString("n").isBlank()),
                    () -> assertFalse(key.getString("e").isBlank()),
                    () -> assertEquals(Set.of(), intersection(key.keySet(), PRIVATE_JWK_FIELDS), "private key material"));
            assertTrue(kids.add(key.getString("kid")), "duplicate kid " + key.getString("kid"));
        }
    }

    @Test
    void meWithABearerTokenShowsTheJwtSession() {
        String name = registered("JwtMe");
        String jwt = login(name).getString("access_token");
        JsonObject claims = Jwts.claims(jwt);
        Api.Reply reply = api.accounts().me(Api.bearer(jwt));
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.header("Cache-Control").orElse("").contains("no-store"));
        JsonObject me = reply.json();
        assertEquals(name, me.getString("username"));
        assertEquals(claims.getString("sub"), me.getString("id"));
        assertEquals(List.of("user"), Api.strings(me.getJsonArray("groups")));
        JsonObject auth = me.getJsonObject("auth");
        assertEquals("jwt", auth.getString("method"));
        assertEquals(claims.getString("sid"), auth.getString("session_id"));
        assertTrue(auth.getString("expires_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), auth.toString());
        assertEquals(Instant.ofEpochSecond(claims.getJsonNumber("exp").longValueExact()), Instant.parse(auth.getString("expires_at")));
        assertFalse(auth.containsKey("token_id"), auth.toString());
    }

    // ---------------------------------------------------------------- refresh

    @Test
    void refreshGivesANewPairOfTheSameSession() {
        String name = registered("JwtRefresh");
        JsonObject first = login(name);
        Api.Reply reply = api.jwt().refresh(first.getString("refresh_token"));
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.header("Cache-Control").orElse("").contains("no-store"));
        JsonObject second = reply.json();
        assertEquals(PAIR_FIELDS, second.keySet(), second.toString());
        assertEquals("Bearer", second.getString("token_type"));
        assertEquals(300, second.getJsonNumber("expires_in").longValueExact());
        assertEquals(86400, second.getJsonNumber("refresh_expires_in").longValueExact());
        assertTrue(second.getString("refresh_token").startsWith("tkr_"));
        assertNotEquals(first.getString("refresh_token"), second.getString("refresh_token"));
        assertNotEquals(first.getString("access_token"), second.getString("access_token"));
        assertEquals(Jwts.claims(first.getString("access_token")).getString("sid"),
                Jwts.claims(second.getString("access_token")).getString("sid"), "a refresh stays in its login session");
        assertEquals(name, me(second.getString("access_token")).getString("username"));
    }

    @Test
    void reusingARefreshTokenEndsItsWholeFamily() {
        String name = registered("JwtReuse");
        JsonObject first = login(name);
        JsonObject second = refresh(first.getString("refresh_token"));

        assertUnauthorizedProblem(api.jwt().refresh(first.getString("refresh_token")), "the old refresh token again");
        assertUnauthorizedProblem(api.jwt().refresh(second.getString("refresh_token")),
                "the newer refresh token of the same session, after reuse was detected");
    }

    @Test
    void parallelRefreshesOfOneTokenLetExactlyOneWin() throws Exception {
        String name = registered("JwtRace");
        String refreshToken = login(name).getString("refresh_token");
        int n = 20;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return api.jwt().refresh(refreshToken);
                }));
            }
            assertTrue(ready.await(60, TimeUnit.SECONDS));
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : futures) {
                replies.add(f.get(180, TimeUnit.SECONDS));
            }
            Map<Integer, Long> byStatus = replies.stream().collect(Collectors.groupingBy(Api.Reply::status, LinkedHashMap::new, Collectors.counting()));
            assertEquals(Map.of(200, 1L, 401, (long) n - 1), byStatus, "statuses of " + n + " racing refreshes: " + replies);
            for (Api.Reply r : replies) {
                if (r.status() == 401) {
                    assertTrue(r.contentType().startsWith("application/problem+json"), r.toString());
                } else {
                    assertEquals(PAIR_FIELDS, r.json().keySet());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAccessTokenNeverRefreshes() {
        String name = registered("JwtAccessRefresh");
        JsonObject pair = login(name);
        assertUnauthorizedProblem(api.jwt().refresh(pair.getString("access_token")), "access token at the refresh endpoint");
        // and it did not burn the real refresh token
        assertEquals(200, api.jwt().refresh(pair.getString("refresh_token")).status());
    }

    @Test
    void aRefreshTokenIsNeverACredential() {
        String name = registered("JwtRefreshAsBearer");
        String refreshToken = login(name).getString("refresh_token");
        assertBearerRefused(api.accounts().me(Api.bearer(refreshToken)), "refresh token as Bearer");
        assertUnauthorizedProblem(api.accounts().me(Api.token(refreshToken)), "refresh token as Token");
        // still unused: refusing it as a credential did not spend it
        assertEquals(200, api.jwt().refresh(refreshToken).status());
    }

    @Test
    void aJwtSentAsAnApiTokenIsRefused() {
        String name = registered("JwtAsToken");
        String jwt = login(name).getString("access_token");
        assertUnauthorizedProblem(api.accounts().me(Api.token(jwt)), "JWT with the Token scheme");
    }

    @Test
    void anApiTokenSentAsBearerIsRefused() {
        String name = registered("JwtTokenAsBearer");
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        assertEquals(200, api.accounts().me(Api.token(token)).status(), "control: it works as a Token");
        assertBearerRefused(api.accounts().me(Api.bearer(token)), "API token with the Bearer scheme");
    }

    @Test
    void refreshWithoutARefreshTokenIsAProblemNamingTheField() {
        for (JsonObject body : List.of(JsonValue.EMPTY_JSON_OBJECT, Json.createObjectBuilder().add("refresh_token", "").build(),
                Json.createObjectBuilder().addNull("refresh_token").build())) {
            Api.Reply reply = api.jwt().refresh(body);
            assertEquals(400, reply.status(), body + " -> " + reply);
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
            JsonObject problem = reply.json();
            assertEquals(400, problem.getInt("status"));
            List<String> fields = problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                    .map(e -> e.getString("field")).toList();
            assertEquals(List.of("refresh_token"), fields, problem.toString());
        }
    }

    // ---------------------------------------------------------------- logout

    @Test
    void logoutWithAJwtEndsThatLoginSessionOnly() {
        String name = registered("JwtLogout");
        JsonObject first = login(name);
        JsonObject refreshed = refresh(first.getString("refresh_token")); // a second access token of the same session
        JsonObject otherLogin = login(name);
        String firstAccess = first.getString("access_token");
        String secondAccess = refreshed.getString("access_token");
        assertEquals(200, api.accounts().me(Api.bearer(secondAccess)).status(), "control");

        Api.Reply logout = api.jwt().logout(Api.bearer(firstAccess));
        assertEquals(204, logout.status(), logout.toString());

        assertBearerRefused(api.accounts().me(Api.bearer(firstAccess)), "the access token that logged out");
        assertBearerRefused(api.accounts().me(Api.bearer(secondAccess)), "another access token of the logged-out session");
        assertUnauthorizedProblem(api.jwt().refresh(refreshed.getString("refresh_token")), "the refresh token of the logged-out session");
        Api.Reply other = api.accounts().me(Api.bearer(otherLogin.getString("access_token")));
        assertEquals(200, other.status(), "a different login of the same user must still work: " + other);
        assertEquals(200, api.jwt().refresh(otherLogin.getString("refresh_token")).status(), "and so must its refresh token");
    }

    @Test
    void logoutWithAnApiTokenRevokesThatToken() {
        String name = registered("JwtLogoutToken");
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        String other = api.createToken(name, Api.PASSWORD).getString("token");
        String jwt = login(name).getString("access_token");
        assertEquals(200, api.accounts().me(Api.token(token)).status(), "control");

        Api.Reply logout = api.jwt().logout(Api.token(token));
        assertEquals(204, logout.status(), logout.toString());

        assertUnauthorizedProblem(api.accounts().me(Api.token(token)), "the API token that logged out");
        assertEquals(200, api.accounts().me(Api.token(other)).status(), "another API token of the user");
        assertEquals(200, api.accounts().me(Api.bearer(jwt)).status(), "a JWT of the user");
    }

    @Test
    void logoutWithoutACredentialIs401() {
        assertUnauthorizedProblem(api.jwt().logout(), "logout without credential");
    }

    // ---------------------------------------------------------------- malformed and forged tokens

    @Test
    void aBearerThatIsNotAJwtGetsAProblemWithAnInvalidTokenChallenge() {
        Api.Reply reply = api.accounts().me(Api.bearer("notajwt"));
        assertEquals(401, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/problem+json"), "not HTML: " + reply.contentType() + " " + reply.body());
        assertEquals(401, reply.json().getInt("status"));
        String challenge = String.join(", ", reply.headers().allValues("WWW-Authenticate"));
        assertTrue(challenge.contains("error=\"invalid_token\""), challenge);
        assertTrue(challenge.contains("Bearer"), challenge);
        assertTrue(challenge.contains("Token"), challenge);
        assertTrue(challenge.contains("realm=\"token-auth\""), challenge);
    }

    @Test
    void algNoneIsRefused() {
        String jwt = freshAccessToken("JwtNone");
        String payload = Jwts.segments(jwt)[1];
        for (String alg : List.of("none", "None", "NONE")) {
            String header = Jwts.encodeJson(Json.createObjectBuilder().add("alg", alg).add("typ", "JWT").build());
            assertForgedTokenRefused(header + "." + payload + ".", "alg " + alg + ", empty signature");
        }
        // and with the real kid and the original signature left in place
        String header = Jwts.encodeJson(Json.createObjectBuilder().add("alg", "none").add("typ", "JWT")
                .add("kid", Jwts.header(jwt).getString("kid")).build());
        assertForgedTokenRefused(header + "." + payload + "." + Jwts.segments(jwt)[2], "alg none, kid, original signature");
    }

    @Test
    void hs256SignedWithThePublicKeyAsSecretIsRefused() {
        String jwt = freshAccessToken("JwtConfusion");
        String kid = Jwts.header(jwt).getString("kid");
        String payload = Jwts.segments(jwt)[1];
        String jwksBody = api.jwt().jwks().body();
        JsonObject jwk = Json.createReader(new java.io.StringReader(jwksBody)).readObject().getJsonArray("keys")
                .getValuesAs(JsonObject.class).stream().filter(k -> kid.equals(k.getString("kid"))).findFirst().orElseThrow();
        RSAPublicKey publicKey = Jwts.rsaPublicKey(jwk);

        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("PEM, LF, trailing newline", Jwts.pem(publicKey, "\n", true).getBytes(StandardCharsets.US_ASCII));
        secrets.put("PEM, LF, no trailing newline", Jwts.pem(publicKey, "\n", false).getBytes(StandardCharsets.US_ASCII));
        secrets.put("PEM, CRLF", Jwts.pem(publicKey, "\r\n", true).getBytes(StandardCharsets.US_ASCII));
        secrets.put("X.509 DER", publicKey.getEncoded());
        secrets.put("JWK JSON as re-serialised", jwk.toString().getBytes(StandardCharsets.UTF_8));
        secrets.put("JWK JSON as served", rawKeyObject(jwksBody, kid).getBytes(StandardCharsets.UTF_8));
        secrets.put("whole JWKS body", jwksBody.getBytes(StandardCharsets.UTF_8));

        for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
            for (boolean withKid : List.of(true, false)) {
                var header = Json.createObjectBuilder().add("alg", "HS256").add("typ", "JWT");
                if (withKid) {
                    header.add("kid", kid);
                }
                String forged = Jwts.hs256(Jwts.encodeJson(header.build()), payload, secret.getValue());
                assertForgedTokenRefused(forged, "HS256 with " + secret.getKey() + (withKid ? ", server's kid" : ", no kid"));
            }
        }
    }

    @Test
    void aTokenSignedByAnotherRsaKeyIsRefused() throws Exception {
        String jwt = freshAccessToken("JwtOtherKey");
        String kid = Jwts.header(jwt).getString("kid");
        String[] parts = Jwts.segments(jwt);
        KeyPair attacker = rsaKeyPair();

        assertForgedTokenRefused(Jwts.rs256(parts[0], parts[1], attacker.getPrivate()), "real header and kid, other key");
        String noKid = Jwts.encodeJson(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build());
        assertForgedTokenRefused(Jwts.rs256(noKid, parts[1], attacker.getPrivate()), "no kid, other key");

        // the attacker's public key embedded in the header (jwk header injection)
        RSAPublicKey attackerPublic = (RSAPublicKey) attacker.getPublic();
        JsonObject embedded = Json.createObjectBuilder().add("kty", "RSA").add("kid", kid).add("use", "sig").add("alg", "RS256")
                .add("n", Jwts.encode(unsigned(attackerPublic.getModulus())))
                .add("e", Jwts.encode(unsigned(attackerPublic.getPublicExponent()))).build();
        String withJwk = Jwts.encodeJson(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").add("kid", kid)
                .add("jwk", embedded).build());
        assertForgedTokenRefused(Jwts.rs256(withJwk, parts[1], attacker.getPrivate()), "attacker's key in a jwk header");
    }

    @Test
    void anEditedPayloadWithTheOriginalSignatureIsRefused() {
        String jwt = freshAccessToken("JwtEdit");
        String[] parts = Jwts.segments(jwt);
        JsonObject claims = Jwts.claims(jwt);
        assertEquals(200, api.accounts().me(Api.bearer(jwt)).status(), "control: the unedited token works");

        JsonObject admin = Json.createObjectBuilder(claims)
                .add("groups", Json.createArrayBuilder().add("user").add("admin")).build();
        assertForgedTokenRefused(parts[0] + "." + Jwts.encodeJson(admin) + "." + parts[2], "groups + admin, original signature");

        JsonObject noExp = Json.createObjectBuilder(claims).remove("exp").build();
        assertForgedTokenRefused(parts[0] + "." + Jwts.encodeJson(noExp) + "." + parts[2], "exp removed, original signature");

        JsonObject laterExp = Json.createObjectBuilder(claims).add("exp", claims.getJsonNumber("exp").longValueExact() + 86400).build();
        assertForgedTokenRefused(parts[0] + "." + Jwts.encodeJson(laterExp) + "." + parts[2], "exp extended, original signature");

        JsonObject otherSid = Json.createObjectBuilder(claims).add("sid", java.util.UUID.randomUUID().toString()).build();
        assertForgedTokenRefused(parts[0] + "." + Jwts.encodeJson(otherSid) + "." + parts[2], "sid replaced, original signature");
    }

    @Test
    void truncatedTokensAreRefused() {
        String jwt = freshAccessToken("JwtTruncated");
        String[] parts = Jwts.segments(jwt);
        assertForgedTokenRefused(parts[0] + "." + parts[1] + ".", "signature dropped, trailing dot kept");
        assertForgedTokenRefused(parts[0] + "." + parts[1], "signature and its dot dropped");
        assertForgedTokenRefused(jwt.substring(0, jwt.length() - 10), "last 10 characters dropped");
        assertForgedTokenRefused(jwt.substring(0, jwt.length() - 1), "last character dropped");
        assertForgedTokenRefused(parts[1] + "." + parts[2], "header dropped");
        assertEquals(200, api.accounts().me(Api.bearer(jwt)).status(), "control: the whole token still works");
    }

    @Test
    void authorizationSchemesAreCaseInsensitive() {
        // RFC 7235 section 2.1 (and RFC 9110 section 11.1): the auth-scheme is a case-insensitive token
        String name = registered("JwtScheme");
        String jwt = login(name).getString("access_token");
        String token = api.createToken(name, Api.PASSWORD).getString("token");
        for (String scheme : List.of("Token", "token", "TOKEN")) {
            Api.Reply reply = api.accounts().me("Authorization", scheme + " " + token);
            assertEquals(200, reply.status(), "'" + scheme + " <api token>': " + reply);
        }
        for (String scheme : List.of("Bearer", "bearer", "BEARER")) {
            Api.Reply reply = api.accounts().me("Authorization", scheme + " " + jwt);
            assertEquals(200, reply.status(), "'" + scheme + " <jwt>': " + reply);
            assertEquals("jwt", reply.json().getJsonObject("auth").getString("method"));
        }
    }

    // ---------------------------------------------------------------- helpers

    private String registered(String stem) {
        String name = Api.uniqueName(stem);
        api.register(name);
        return name;
    }

    private JsonObject login(String username) {
        return api.jwt().login(username, Api.PASSWORD);
    }

    private JsonObject refresh(String refreshToken) {
        Api.Reply reply = api.jwt().refresh(refreshToken);
        assertEquals(200, reply.status(), "refresh: " + reply);
        return reply.json();
    }

    private JsonObject me(String jwt) {
        Api.Reply reply = api.accounts().me(Api.bearer(jwt));
        assertEquals(200, reply.status(), "/api/me: " + reply);
        return reply.json();
    }

    /** A live access token of a new user, checked to work, so that refusals of its forgeries mean something. */
    private String freshAccessToken(String stem) {
        String jwt = login(registered(stem)).getString("access_token");
        assertEquals(200, api.accounts().me(Api.bearer(jwt)).status(), "control: the real token works");
        return jwt;
    }

    private void assertForgedTokenRefused(String forged, String what) {
        assertBearerRefused(api.accounts().me(Api.bearer(forged)), what);
    }

    /** A 401 problem for a presented but rejected bearer token: RFC 6750's invalid_token challenge. */
    private static void assertBearerRefused(Api.Reply reply, String what) {
        assertProblem(reply, 401, what);
        String challenge = String.join(", ", reply.headers().allValues("WWW-Authenticate"));
        assertTrue(challenge.contains("error=\"invalid_token\""), what + ": WWW-Authenticate " + challenge);
    }

    private static void assertUnauthorizedProblem(Api.Reply reply, String what) {
        assertProblem(reply, 401, what);
        assertTrue(reply.header("WWW-Authenticate").isPresent(), what + ": no WWW-Authenticate");
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        return a.stream().filter(b::contains).collect(Collectors.toSet());
    }

    /** The JSON text of one key object exactly as the server wrote it. */
    private static String rawKeyObject(String jwksBody, String kid) {
        int at = jwksBody.indexOf("\"" + kid + "\"");
        int start = jwksBody.lastIndexOf('{', at);
        int end = jwksBody.indexOf('}', at);
        return jwksBody.substring(start, end + 1);
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static byte[] unsigned(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
