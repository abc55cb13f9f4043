package org.tokenauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertProblem;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Jwts;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;

/**
 * Issue 10, item 5: retired signing keys. Rotating after a key leak must stop the leaked key: an
 * administrator can remove a key at once ({@code DELETE /api/admin/keys/{kid}}), which ends every
 * token it signed; and a retired key leaves the JWKS, and stops verifying, once every token it signed
 * has expired, without waiting for another rotation. A server of its own with short lifetimes: access
 * tokens live 5 s, with 1 s of clock skew.
 */
class KeyRemovalIT {

    static final Map<String, String> SHORT_LIVED = Map.of("tokenauth.jwt.access-ttl", "5", "tokenauth.jwt.clock-skew", "1");
    /** The retired key's last token's lifetime and skew, and the time other servers may still sign with it (10 s). */
    static final long RETIRED_KEY_PUBLISHED_SECONDS = 5 + 1 + 10;

    final TestServer server = TestServers.shared(SHORT_LIVED);
    final Api api = server.api();

    @Test
    void removingAKeyEndsEveryTokenItSignedAtOnce() {
        String name = Api.uniqueName("removed-key");
        api.register(name);
        String signedByOld = api.jwt().login(name, Api.PASSWORD).getString("access_token");
        String oldKid = Jwts.header(signedByOld).getString("kid");
        String newKid = api.admin().rotateKey(api.admin().asAdministrator()).json().getString("kid");
        assertNotEquals(oldKid, newKid);
        assertEquals(200, api.accounts().me(Api.bearer(signedByOld)).status(), "control: a retired key's token works until it expires");

        // a fresh administrator's token for each call: access tokens live 5 s here, less than this test on a busy machine
        assertEquals(204, api.admin().removeKey(oldKid, api.admin().asAdministrator()).status(), "removing the retired key");
        assertProblem(api.accounts().me(Api.bearer(signedByOld)), 401, "a token of the removed key");
        assertFalse(api.jwt().kids().contains(oldKid), "the removed key leaves the JWKS");
        assertTrue(audited("key_removed", oldKid), "removing a key is audited");

        assertProblem(api.admin().removeKey(oldKid, api.admin().asAdministrator()), 404, "removing it again");
        assertProblem(api.admin().removeKey("no-such-kid", api.admin().asAdministrator()), 404, "an unknown kid");
        assertProblem(api.admin().removeKey(newKid, api.admin().asAdministrator()), 409,
                "the key that signs now, before another replaced it");
        assertEquals(200, api.accounts().me(Api.bearer(api.jwt().login(name, Api.PASSWORD).getString("access_token"))).status(),
                "new tokens keep working");
    }

    /** The server writes its log as it goes: give the line a few seconds to arrive. */
    private boolean audited(String event, String kid) {
        for (int i = 0; i < 50; i++) {
            if (server.logMessages("org.tokenauth.audit").stream().anyMatch(l -> l.contains(event) && l.contains(kid))) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Test
    void removingTheNextKeyPublishesAnotherBeforeItCanSign() {
        String[] admin = api.admin().asAdministrator();
        String current = Jwts.header(admin[1].substring("Bearer ".length())).getString("kid");
        List<String> before = List.copyOf(api.jwt().kids());
        String next = before.stream().filter(k -> !k.equals(current)).reduce((first, last) -> last).orElseThrow();
        assertEquals(204, api.admin().removeKey(next, api.admin().asAdministrator()).status());
        List<String> after = List.copyOf(api.jwt().kids());
        assertFalse(after.contains(next), after.toString());
        String promoted = api.admin().rotateKey(api.admin().asAdministrator()).json().getString("kid");
        assertNotEquals(next, promoted, "the removed next key never signs");
        assertTrue(after.contains(promoted), "the key a rotation promotes was published before: " + promoted + " " + after);
    }

    @Test
    void onlyAdministratorsRemoveKeys() {
        String name = Api.uniqueName("not-admin");
        api.register(name);
        String kid = api.jwt().kids().iterator().next();
        assertProblem(api.admin().removeKey(kid, Api.bearer(api.jwt().login(name, Api.PASSWORD).getString("access_token"))), 403);
        assertProblem(api.admin().removeKey(kid), 401);
        assertTrue(api.jwt().kids().contains(kid));
    }

    @Test
    void aRetiredKeyLeavesTheJwksOnceItsTokensHaveExpired() throws InterruptedException {
        String name = Api.uniqueName("retired-key");
        api.register(name);
        String signedByOld = api.jwt().login(name, Api.PASSWORD).getString("access_token");
        String oldKid = Jwts.header(signedByOld).getString("kid");
        api.admin().rotateKey(api.admin().asAdministrator());
        assertTrue(api.jwt().kids().contains(oldKid), "still published while its tokens may live");
        Thread.sleep((RETIRED_KEY_PUBLISHED_SECONDS + 2) * 1000);
        assertFalse(api.jwt().kids().contains(oldKid), "no rotation since, and the retired key is gone from the JWKS");
        assertProblem(api.accounts().me(Api.bearer(signedByOld)), 401);
    }
}
