package org.tokenauth.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tokenauth.support.Problems.assertProblem;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServers;

/**
 * Issue 10, item 3: a demoted administrator's credentials lose {@code admin} at once. Its access token
 * still says {@code admin} in its {@code groups} claim until it expires; the server must not believe
 * it. Before the fix, the demoted user re-promoted itself with that token and disabled the
 * administrator who had demoted it.
 */
class DemotedAdministratorIT {

    final Api api = TestServers.shared(TestServers.FOR_RACES).api();

    @Test
    void aDemotedAdministratorsCredentialsLoseAdminAtOnce() {
        String[] root = api.admin().asAdministrator();
        String name = Api.uniqueName("demoted");
        String id = api.register(name).getString("id");
        assertEquals(200, api.admin().setGroups(id, List.of("admin"), root).status());

        String jwt = api.jwt().login(name, Api.PASSWORD).getString("access_token");
        String apiToken = api.createToken(name, Api.PASSWORD).getString("token");
        String scopedToken = api.tokens().create(
                jakarta.json.Json.createObjectBuilder().add("scopes", jakarta.json.Json.createArrayBuilder().add("admin").add("user")).build(),
                Api.bearer(jwt)).json().getString("token");
        for (String[] credential : List.of(Api.bearer(jwt), Api.token(apiToken), Api.token(scopedToken))) {
            assertEquals(200, api.admin().users(null, null, credential).status(), "control: an administrator's credential");
        }

        assertEquals(200, api.admin().setGroups(id, List.of(), root).status(), "demoted");

        for (String[] credential : List.of(Api.bearer(jwt), Api.token(apiToken), Api.token(scopedToken))) {
            String kind = credential[1].substring(0, 6);
            assertProblem(api.admin().users(null, null, credential), 403, kind + ": administration after the demotion");
            assertProblem(api.admin().setGroups(id, List.of("admin"), credential), 403, kind + ": promoting itself again");
            JsonObject me = api.accounts().me(credential).json();
            assertEquals(List.of("user"), Api.strings(me.getJsonObject("auth").getJsonArray("roles")), kind + ": its roles now");
        }
        // the credentials still work for what a user may do
        assertEquals(200, api.accounts().me(Api.bearer(jwt)).status());
        assertEquals(List.of("user"), Api.strings(api.admin().user(id, root).json().getJsonArray("groups")), "nothing changed");
    }
}
