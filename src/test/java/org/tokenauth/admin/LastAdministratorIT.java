package org.tokenauth.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.Concurrently;
import org.tokenauth.support.TestServers;

/**
 * Issue 10, item 4: two administrators, the only enabled ones, disabling (or demoting) each other at
 * the same moment both got 200, and no administrator was left. A change that would leave no enabled
 * administrator is refused, checked under a lock in the database, so two such changes cannot pass
 * together. Here the loser of each race gets a 409, or, if the winner's change reached its
 * credential first, a 401 (disabled) or 403 (demoted); never a 200.
 */
class LastAdministratorIT {

    static final int ROUNDS = 6;

    final Api api = TestServers.shared(TestServers.FOR_RACES).api();

    @Test
    void twoAdministratorsTurningOnEachOtherLeaveOneOfThem() {
        String rootId = api.accounts().me(api.admin().asAdministrator()).json().getString("id");
        List<String[]> administrators = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // logged in afresh: disabling it last round ended every credential it had, and enabling brings none back
                String[] root = api.admin().asAdministrator();
                String a = Api.uniqueName("admin-a");
                String b = Api.uniqueName("admin-b");
                String aId = api.register(a).getString("id");
                String bId = api.register(b).getString("id");
                assertEquals(200, api.admin().setGroups(aId, List.of("admin"), root).status());
                assertEquals(200, api.admin().setGroups(bId, List.of("admin"), root).status());
                disableEveryOtherAdministrator(root, Set.of(rootId, aId, bId));
                String[] asA = Api.bearer(api.jwt().login(a, Api.PASSWORD).getString("access_token"));
                String[] asB = Api.bearer(api.jwt().login(b, Api.PASSWORD).getString("access_token"));
                administrators.add(asA);
                administrators.add(asB);
                // the root administrator steps aside: a and b are the only enabled administrators
                assertEquals(200, api.admin().setDisabled(rootId, true, asA).status());

                boolean demote = round % 2 == 1;
                List<Reply> replies = Concurrently.run(2, i -> {
                    String[] who = i == 0 ? asA : asB;
                    String other = i == 0 ? bId : aId;
                    return demote ? api.admin().setGroups(other, List.of(), who) : api.admin().setDisabled(other, true, who);
                });
                long applied = replies.stream().filter(r -> r.status() == 200).count();
                assertEquals(1, applied, "round " + round + " (" + (demote ? "demoting" : "disabling") + "): " + replies);
                Reply loser = replies.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
                assertTrue(Set.of(401, 403, 409).contains(loser.status()), "round " + round + ": " + loser);

                String[] survivor = replies.get(0).status() == 200 ? asA : asB;
                assertEquals(1, enabledAdministrators(survivor, Set.of(aId, bId)), "round " + round + ": one is left");
                // the survivor brings the root administrator back for the next round
                assertEquals(200, api.admin().setDisabled(rootId, false, survivor).status());
            }
        } finally {
            // whatever happened, the configured administrator is enabled again for the other tests
            administrators.forEach(admin -> api.admin().setDisabled(rootId, false, admin));
        }
    }

    /** Of these accounts, how many are enabled administrators, as an administrator sees them now. */
    private long enabledAdministrators(String[] admin, Set<String> ids) {
        return ids.stream().map(id -> api.admin().user(id, admin).json())
                .filter(u -> !u.getBoolean("disabled") && Api.strings(u.getJsonArray("groups")).contains("admin")).count();
    }

    private void disableEveryOtherAdministrator(String[] root, Set<String> keep) {
        List<String> others = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            JsonObject page = api.admin().users(String.valueOf(offset), "500", root).json();
            page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(u -> !keep.contains(u.getString("id")) && !u.getBoolean("disabled")
                            && Api.strings(u.getJsonArray("groups")).contains("admin"))
                    .forEach(u -> others.add(u.getString("id")));
            if (offset + 500 >= page.getJsonNumber("total").longValue()) {
                break;
            }
        }
        others.forEach(id -> assertEquals(200, api.admin().setDisabled(id, true, root).status()));
    }
}
