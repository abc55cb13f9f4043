package org.tokenauth.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.Concurrently;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;

/**
 * Issue 10, item 1: logins with the old password, in flight while the owner changes the password (or
 * an administrator disables the account). A login whose password check finished before the change
 * but whose credential was stored after it used to keep a working session or API token. The rule: a
 * credential is only issued if the account's credentials did not change, and it was not disabled,
 * between the password check and the commit. So once the change has answered, no credential that any
 * of the racing logins obtained may work, whoever won each race.
 */
class LoginRacingCredentialChangeIT {

    static final int LOGINS = 24;
    static final int ROUNDS = 4;
    static final String NEW_PASSWORD = "a brand new passphrase, much longer";

    final TestServer server = TestServers.shared(TestServers.FOR_RACES);
    final Api api = server.api();

    @Test
    void noLoginInFlightOutlivesAPasswordChange() {
        int issued = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String name = Api.uniqueName("race-password");
            api.register(name);
            String owner = api.createToken(name, Api.PASSWORD).getString("token");
            List<Reply> replies = Concurrently.run(LOGINS + 1, i -> i == LOGINS
                    ? api.accounts().changePassword(Api.PASSWORD, NEW_PASSWORD, Api.token(owner))
                    : login(name, i));
            assertEquals(204, replies.get(LOGINS).status(), "round " + round + ": the password change: " + replies.get(LOGINS));
            issued += assertNothingWorks(replies.subList(0, LOGINS), "round " + round + ", after the password change");
            assertEquals(401, api.accounts().me(Api.token(owner)).status(), "the owner's own token is revoked too");
        }
        System.out.println("LoginRacingCredentialChangeIT: credentials issued during password changes, all refused after: " + issued);
    }

    @Test
    void noLoginInFlightOutlivesDisabling() {
        String[] admin = api.admin().asAdministrator();
        int issued = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String name = Api.uniqueName("race-disable");
            String id = api.register(name).getString("id");
            List<Reply> replies = Concurrently.run(LOGINS + 1, i -> i == LOGINS
                    ? api.admin().setDisabled(id, true, admin)
                    : login(name, i));
            assertEquals(200, replies.get(LOGINS).status(), "round " + round + ": disabling: " + replies.get(LOGINS));
            issued += assertNothingWorks(replies.subList(0, LOGINS), "round " + round + ", after disabling");
            // enabling again brings back nothing
            assertEquals(200, api.admin().setDisabled(id, false, admin).status());
            assertNothingWorks(replies.subList(0, LOGINS), "round " + round + ", after enabling again");
        }
        System.out.println("LoginRacingCredentialChangeIT: credentials issued during disabling, all refused after: " + issued);
    }

    /** Half the logins ask for a JWT pair, half for an API token, all with the password of before. */
    private Reply login(String name, int i) {
        return i % 2 == 0 ? api.jwt().tryLogin(name, Api.PASSWORD) : api.tokens().tryCreate(name, Api.PASSWORD);
    }

    /** Every credential in the replies is refused; the others were refusals. How many there were. */
    private int assertNothingWorks(List<Reply> replies, String when) {
        List<String> problems = new ArrayList<>();
        int credentials = 0;
        for (Reply reply : replies) {
            switch (reply.status()) {
                case 200 -> {
                    credentials++;
                    JsonObject pair = reply.json();
                    int me = api.accounts().me(Api.bearer(pair.getString("access_token"))).status();
                    int refresh = api.jwt().refresh(pair.getString("refresh_token")).status();
                    if (me != 401 || refresh != 401) {
                        problems.add("a JWT pair still works: /api/me " + me + ", refresh " + refresh);
                    }
                }
                case 201 -> {
                    credentials++;
                    int me = api.accounts().me(Api.token(reply.json().getString("token"))).status();
                    if (me != 401) {
                        problems.add("an API token still works: /api/me " + me);
                    }
                }
                case 401, 429, 503 -> {
                    // refused: the password was no longer right, too many attempts failed, or the server was
                    // too busy to check it in time
                }
                default -> problems.add("unexpected answer to a login: " + reply);
            }
        }
        assertTrue(problems.isEmpty(), when + ":\n" + String.join("\n", problems));
        return credentials;
    }
}
