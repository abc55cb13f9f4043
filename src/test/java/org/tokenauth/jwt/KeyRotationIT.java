package org.tokenauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServers;
import org.tokenauth.support.Jwts;

/**
 * {@code POST /api/admin/keys/rotate}: only for admins; a new key signs from then on, and tokens of
 * the old key keep working. The first test rotates once on a server whose verifier has already
 * cached the JWKS; the last one rotates again at once, twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationIT {

    final Api api = TestServers.shared().api();

    @Test
    @Order(1)
    void rotationSignsWithANewKeyWhileTokensOfTheOldKeyKeepWorking() {
        String name = Api.uniqueName("Rotate");
        api.register(name);
        String tokenA = accessToken(name, Api.PASSWORD);
        String k1 = Jwts.header(tokenA).getString("kid");
        assertEquals(200, api.accounts().me(Api.bearer(tokenA)).status(), "token A before the rotation (the verifier now caches the JWKS)");
        Set<String> kidsBefore = kids();
        assertTrue(kidsBefore.contains(k1), kidsBefore + " lacks " + k1);

        String adminJwt = accessToken(TestServers.ADMIN, TestServers.ADMIN_PASSWORD);
        Api.Reply rotated = api.admin().rotateKey(Api.bearer(adminJwt));
        assertEquals(201, rotated.status(), rotated.toString());
        assertTrue(rotated.contentType().startsWith("application/json"), rotated.contentType());
        JsonObject body = rotated.json();
        assertEquals(Set.of("kid"), body.keySet(), body.toString());
        String k2 = body.getString("kid");
        assertNotEquals(k1, k2);
        assertTrue(kidsBefore.contains(k2),
                "the new signing key should have been published before it signs, so that verifiers holding a cached JWKS know it: "
                        + k2 + " not in " + kidsBefore);

        Api.Reply oldStillWorks = api.accounts().me(Api.bearer(tokenA));
        assertEquals(200, oldStillWorks.status(), "token A after the rotation: " + oldStillWorks);
        assertEquals(name, oldStillWorks.json().getString("username"));

        String tokenB = accessToken(name, Api.PASSWORD);
        assertEquals(k2, Jwts.header(tokenB).getString("kid"), "a new login signs with the new key");
        Api.Reply newWorks = api.accounts().me(Api.bearer(tokenB));
        assertEquals(200, newWorks.status(), "token B, signed with the new key: " + newWorks);

        Set<String> kidsAfter = kids();
        assertTrue(kidsAfter.containsAll(Set.of(k1, k2)), "JWKS after the rotation: " + kidsAfter);

        // the admin's own token, signed before the rotation, still works too
        assertEquals(200, api.accounts().me(Api.bearer(adminJwt)).status());
    }

    @Test
    @Order(2)
    void rotationIsForAdminsOnly() {
        String name = Api.uniqueName("RotateUser");
        api.register(name);
        String userJwt = accessToken(name, Api.PASSWORD);
        String userToken = api.createToken(name, Api.PASSWORD).getString("token");
        Set<String> kidsBefore = kids();

        for (String[] credential : new String[][] {Api.bearer(userJwt), Api.token(userToken)}) {
            Api.Reply reply = api.admin().rotateKey(credential);
            assertEquals(403, reply.status(), credential[1].substring(0, 6) + ": " + reply);
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
            assertEquals(403, reply.json().getInt("status"));
        }

        Api.Reply anonymous = api.admin().rotateKey();
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertTrue(anonymous.contentType().startsWith("application/problem+json"), anonymous.contentType());
        assertTrue(anonymous.header("WWW-Authenticate").isPresent(), "401 without WWW-Authenticate");

        assertEquals(kidsBefore, kids(), "refused rotations changed nothing");
        String after = accessToken(name, Api.PASSWORD);
        assertEquals(Jwts.header(userJwt).getString("kid"), Jwts.header(after).getString("kid"), "still the same signing key");
    }

    /**
     * More rotations in quick succession (this class has rotated once already): each promotes a key
     * that the previous rotation made moments ago, after the verifier (Payara's MP-JWT, which caches
     * the JWKS document for five minutes) last read the keys. Whatever the server does about that
     * (sign with the new key at once, or refuse the early rotation with a 409 problem and
     * Retry-After), every token it issues must be accepted by the server itself.
     */
    @Test
    @Order(3)
    void rotationsInQuickSuccessionNeverIssueATokenTheServerItselfRefuses() {
        String adminToken = api.createToken(TestServers.ADMIN, TestServers.ADMIN_PASSWORD).getString("token");
        String name = Api.uniqueName("RotateTwice");
        api.register(name);
        String before = accessToken(name, Api.PASSWORD);
        String signingKid = Jwts.header(before).getString("kid");
        assertEquals(200, api.accounts().me(Api.bearer(before)).status(), "control");

        for (int attempt = 1; attempt <= 2; attempt++) {
            Api.Reply rotated = api.admin().rotateKey(Api.token(adminToken));
            String token = accessToken(name, Api.PASSWORD);
            String kid = Jwts.header(token).getString("kid");
            if (rotated.status() == 201) {
                assertNotEquals(signingKid, rotated.json().getString("kid"), "rotation " + attempt);
                assertEquals(rotated.json().getString("kid"), kid, "rotation " + attempt + ": after a 201 the new key signs");
            } else {
                assertEquals(409, rotated.status(), "rotation " + attempt + " (admin API token), neither done nor refused as too early: " + rotated);
                assertTrue(rotated.contentType().startsWith("application/problem+json"), rotated.contentType());
                assertTrue(rotated.header("Retry-After").isPresent(), "409 without Retry-After");
                assertEquals(signingKid, kid, "rotation " + attempt + ": after a refused rotation the same key still signs");
            }
            signingKid = kid;
            assertTrue(kids().contains(kid), "rotation " + attempt + ": the signing key " + kid + " is published");
            Api.Reply me = api.accounts().me(Api.bearer(token));
            assertEquals(200, me.status(), "rotation " + attempt + " answered " + rotated.status() + "; a token the server issued right after it (kid "
                    + kid + ") must be accepted by the same server: " + me);
        }
        assertEquals(200, api.accounts().me(Api.bearer(before)).status(), "a token from before the rotations still works");
    }

    private String accessToken(String username, String password) {
        return api.jwt().login(username, password).getString("access_token");
    }

    private Set<String> kids() {
        Set<String> kids = api.jwt().kids();
        assertFalse(kids.isEmpty());
        return kids;
    }
}
