package org.tokenauth.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertProblem;
import static org.tokenauth.support.Problems.errorFields;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.TestServers;

/**
 * {@code PUT /api/me/password}: both fields are checked before anything changes, and a change ends
 * every credential made before it (API tokens, access tokens, refresh tokens), the one that made
 * the change included.
 */
class PasswordChangeIT {

    static final String NEW_PASSWORD = "a brand new passphrase, much longer";

    final Api api = TestServers.shared(TestServers.WITH_ALLOWED_ORIGIN).api();

    @Test
    void passwordChangeValidatesBothFields() {
        String name = Api.uniqueName("pwv");
        api.register(name);
        String[] token = Api.token(api.createToken(name, Api.PASSWORD).getString("token"));

        Reply wrongCurrent = api.accounts().changePassword("this is not my password", NEW_PASSWORD, token);
        assertEquals(Set.of("current_password"), errorFields(assertProblem(wrongCurrent, 400)));

        Reply missingCurrent = api.accounts().changePassword(Json.createObjectBuilder().add("new_password", NEW_PASSWORD).build(), token);
        assertTrue(errorFields(assertProblem(missingCurrent, 400)).contains("current_password"), missingCurrent.toString());

        Reply tooShort = api.accounts().changePassword(Api.PASSWORD, "short1", token);
        assertEquals(Set.of("new_password"), errorFields(assertProblem(tooShort, 400)));

        Reply sameAsUsername = api.accounts().changePassword(Api.PASSWORD, name, token);
        assertEquals(Set.of("new_password"), errorFields(assertProblem(sameAsUsername, 400)));

        // a NUL in the new password, which JSON-P sends escaped
        Reply nul = api.accounts().changePassword(Api.PASSWORD, "long enough pass\0word", token);
        assertEquals(Set.of("new_password"), errorFields(assertProblem(nul, 400)));

        assertProblem(api.accounts().changePassword(Api.PASSWORD, NEW_PASSWORD), 401);

        // nothing changed: the token still works, the old password still logs in
        assertEquals(200, api.accounts().me(token).status());
        assertEquals(200, api.jwt().tryLogin(name, Api.PASSWORD).status());
    }

    @Test
    void passwordChangeRevokesEveryCredentialMadeBefore() {
        String name = Api.uniqueName("pwc");
        api.register(name);
        String apiToken = api.createToken(name, Api.PASSWORD).getString("token");
        JsonObject pair1 = api.jwt().login(name, Api.PASSWORD);
        JsonObject pair2 = api.jwt().login(name, Api.PASSWORD);
        String access1 = pair1.getString("access_token");
        assertEquals(200, api.accounts().me(Api.bearer(access1)).status());
        assertEquals(200, api.accounts().me(Api.token(apiToken)).status());

        Reply changed = api.accounts().changePassword(Api.PASSWORD, NEW_PASSWORD, Api.bearer(pair2.getString("access_token")));
        assertEquals(204, changed.status(), changed.toString());
        assertEquals("", changed.body());

        assertProblem(api.accounts().me(Api.token(apiToken)), 401);
        assertProblem(api.accounts().me(Api.bearer(access1)), 401);
        assertProblem(api.accounts().me(Api.bearer(pair2.getString("access_token"))), 401);
        assertProblem(api.jwt().refresh(pair1.getString("refresh_token")), 401);
        assertProblem(api.jwt().refresh(pair2.getString("refresh_token")), 401);

        assertProblem(api.jwt().tryLogin(name, Api.PASSWORD), 401);
        JsonObject fresh = api.jwt().login(name, NEW_PASSWORD);
        Reply me = api.accounts().me(Api.bearer(fresh.getString("access_token")));
        assertEquals(200, me.status(), me.toString());
        assertEquals(name, me.json().getString("username"));
        String newToken = api.createToken(name, NEW_PASSWORD).getString("token");
        assertEquals(200, api.accounts().me(Api.token(newToken)).status());
        assertEquals(200, api.jwt().refresh(fresh.getString("refresh_token")).status());
    }

    @Test
    void passwordChangeWithAnApiTokenRevokesThatTokenToo() {
        String name = Api.uniqueName("pwt");
        api.register(name);
        String apiToken = api.createToken(name, Api.PASSWORD).getString("token");
        String other = api.createToken(name, Api.PASSWORD).getString("token");
        assertEquals(204, api.accounts().changePassword(Api.PASSWORD, NEW_PASSWORD, Api.token(apiToken)).status());
        assertProblem(api.accounts().me(Api.token(apiToken)), 401);
        assertProblem(api.accounts().me(Api.token(other)), 401);
        Reply list = api.tokens().list(Api.token(api.createToken(name, NEW_PASSWORD).getString("token")));
        assertEquals(200, list.status(), list.toString());
        assertEquals(1, list.jsonArray().size(), "only the token made after the change: " + list);
    }
}
