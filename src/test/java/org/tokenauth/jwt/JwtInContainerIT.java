package org.tokenauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenauth.jwt.control.SigningKeys;
import org.tokenauth.support.Api;
import org.tokenauth.support.Deployments;

/**
 * Tokens that only the server could sign: minted inside the container with the real signing key,
 * then sent over HTTP to {@code GET /api/me}. The signature is always valid, so a refusal here is
 * the verifier checking the claims (expiry, issuer, presence of exp), not the signature.
 */
@ExtendWith(ArquillianExtension.class)
class JwtInContainerIT {

    @Deployment(testable = true)
    static WebArchive deployment() {
        return Deployments.inContainer(JwtInContainerIT.class);
    }

    @Inject
    SigningKeys keys;

    @ArquillianResource
    URL base;

    /** The claims of a real login of a freshly registered user: sub, upn, groups, sid, iss, iat, exp, jti. */
    private JWTClaimsSet realClaims(Api api, String stem) throws Exception {
        String name = Api.uniqueName(stem);
        api.register(name);
        Api.Reply login = api.post("/api/auth/jwt", Json.createObjectBuilder().add("username", name).add("password", Api.PASSWORD).build());
        assertEquals(200, login.status(), login.toString());
        String jwt = login.json().getString("access_token");
        assertEquals(200, api.get("/api/me", Api.bearer(jwt)).status(), "control: the issued token works");
        JWTClaimsSet claims = SignedJWT.parse(jwt).getJWTClaimsSet();
        assertEquals(name, claims.getStringClaim("upn"));
        assertNotNull(claims.getStringClaim("sid"));
        return claims;
    }

    /** The real claims with the given changes, a fresh jti, signed with the server's current key. */
    private String mint(JWTClaimsSet real, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        RSAKey key = keys.signingKey();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder(real).jwtID(UUID.randomUUID().toString());
        JWTClaimsSet claims = change.apply(builder).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.ofEpochSecond(Instant.now().getEpochSecond() + seconds));
    }

    @Test
    void aTokenMintedWithTheRealKeyAndValidClaimsIsAccepted() throws Exception {
        Api api = new Api(base);
        JWTClaimsSet real = realClaims(api, "InValid");
        String jwt = mint(real, b -> b.issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300)));
        Api.Reply reply = api.get("/api/me", Api.bearer(jwt));
        assertEquals(200, reply.status(), "control: a well-formed token signed with the real key must be accepted: " + reply);
        JsonObject me = reply.json();
        assertEquals(real.getSubject(), me.getString("id"));
        assertEquals(real.getStringClaim("upn"), me.getString("username"));
        assertEquals("jwt", me.getJsonObject("auth").getString("method"));
        assertEquals(real.getStringClaim("sid"), me.getJsonObject("auth").getString("session_id"));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Api api = new Api(base);
        JWTClaimsSet real = realClaims(api, "InExpired");
        // expired 10 minutes ago: far outside the 30 s clock skew
        String jwt = mint(real, b -> b.issueTime(secondsFromNow(-900)).expirationTime(secondsFromNow(-600)));
        assertRefused(api, jwt, "expired 10 minutes ago");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        Api api = new Api(base);
        JWTClaimsSet real = realClaims(api, "InIssuer");
        String jwt = mint(real, b -> b.issuer("evil").issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300)));
        assertRefused(api, jwt, "iss evil");
        String noIssuer = mint(real, b -> b.issuer(null).issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300)));
        assertRefused(api, noIssuer, "no iss");
    }

    @Test
    void aTokenWithoutExpIsRefused() throws Exception {
        Api api = new Api(base);
        JWTClaimsSet real = realClaims(api, "InNoExp");
        String jwt = mint(real, b -> b.issueTime(secondsFromNow(0)).expirationTime(null));
        assertRefused(api, jwt, "no exp");
    }

    @Test
    void aTokenForAnUnknownUserIsRefused() throws Exception {
        Api api = new Api(base);
        JWTClaimsSet real = realClaims(api, "InUnknown");
        String jwt = mint(real, b -> b.subject(UUID.randomUUID().toString()).claim("upn", Api.uniqueName("ghost"))
                .issueTime(secondsFromNow(0)).expirationTime(secondsFromNow(300)));
        Api.Reply reply = api.get("/api/me", Api.bearer(jwt));
        assertEquals(401, reply.status(), "sub of no account: " + reply);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
    }

    private static void assertRefused(Api api, String jwt, String what) {
        Api.Reply reply = api.get("/api/me", Api.bearer(jwt));
        assertEquals(401, reply.status(), what + ": " + reply);
        assertTrue(reply.contentType().startsWith("application/problem+json"), what + ": " + reply.contentType());
        assertEquals(401, reply.json().getInt("status"), what);
        String challenge = String.join(", ", reply.headers().allValues("WWW-Authenticate"));
        assertTrue(challenge.contains("error=\"invalid_token\""), what + ": WWW-Authenticate " + challenge);
    }
}
