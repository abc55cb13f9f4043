package org.tokenauth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertProblem;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.Jwts;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;

/**
 * Issue 14: version 1.0 made its schema with EclipseLink and kept its signing keys in a file; this
 * version migrates with Flyway and keeps the keys in the database. A server started on the data of
 * 1.0 (a database that 1.0 itself wrote, in {@code src/test/resources/upgrade-from-1.0}) keeps every
 * user, password, API token, session and signing key: the schema is taken as version 1 and migrated,
 * and the key file is imported once and then deleted.
 *
 * <p>The key file is made here, in 1.0's format, with keys made for this run: no private key is
 * committed. The fixture's access tokens expired long ago; its refresh token lives ten years.
 */
class UpgradeFrom10IT {

    static final String ALICE = "alice";
    static final String ALICE_PASSWORD = "alice password 2026";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin password for fixture";

    @Test
    void everyUserTokenSessionAndKeyOf10Survives() throws Exception {
        String variant = TestServers.onPostgreSql() ? "postgresql" : "h2";
        JsonObject made = json("upgrade-from-1.0/" + variant + "/made-by-1.0.json");
        RSAKey current = key();
        RSAKey next = key();
        // its own administrator is the fixture's, which exists already; a long key age keeps 1.0's keys current
        TestServer server = TestServers.dedicated("upgrade-from-1.0", Map.of("tokenauth.admin.username", ADMIN,
                "tokenauth.admin.password", ADMIN_PASSWORD, "tokenauth.jwt.key-max-age", "315360000"));
        server.seededWith(dataFolder -> {
            if (TestServers.onPostgreSql()) {
                load(TestServers.schema(server.name()), "upgrade-from-1.0/postgresql/schema-1.0.sql", "upgrade-from-1.0/postgresql/data-1.0.sql");
            } else {
                copy("upgrade-from-1.0/h2/tokenauth.mv.db", dataFolder.resolve("tokenauth.mv.db"));
            }
            Files.writeString(dataFolder.resolve("signing-keys.json"), keyFileOf10(current, next));
        });
        try {
            server.start();
            Api api = server.api();
            List<String> log = server.logLines();
            assertTrue(log.stream().anyMatch(l -> l.contains("Successfully baselined schema with version: 1")), "taken as version 1");
            assertTrue(log.stream().anyMatch(l -> l.contains("imported the signing keys")), "1.0's key file imported");
            assertFalse(Files.exists(server.dataFolder().resolve("signing-keys.json")), "and deleted: its private keys were in clear");

            checkEverything(api, made, current, next);

            // a restart finds the schema up to date and changes nothing
            server.restart();
            assertTrue(server.logLines().stream().anyMatch(l -> l.contains("is up to date. No migration necessary")));
            Api again = server.api();
            assertEquals(200, again.accounts().me(Api.token(made.getJsonArray("api_tokens").getJsonObject(0).getString("token"))).status());
            assertEquals(Set.of(current.getKeyID(), next.getKeyID()), again.jwt().kids());
        } finally {
            server.stop();
        }
    }

    private static void checkEverything(Api api, JsonObject made, RSAKey current, RSAKey next) {
        String aliceId = made.getJsonObject("alice").getString("id");
        // the passwords: 1.0's Argon2id hashes
        JsonObject pair = api.jwt().login(ALICE, ALICE_PASSWORD);
        assertEquals(current.getKeyID(), Jwts.header(pair.getString("access_token")).getString("kid"), "1.0's current key signs");
        assertEquals(200, api.jwt().tryLogin(ADMIN, ADMIN_PASSWORD).status());
        // the API tokens, with their names and expiry
        for (JsonObject token : made.getJsonArray("api_tokens").getValuesAs(JsonObject.class)) {
            JsonObject me = api.accounts().me(Api.token(token.getString("token"))).json();
            assertEquals(aliceId, me.getString("id"));
            assertEquals(token.getString("id"), me.getJsonObject("auth").getString("token_id"));
        }
        List<JsonObject> listed = api.tokens().list(Api.bearer(pair.getString("access_token"))).jsonArray().getValuesAs(JsonObject.class);
        assertTrue(listed.stream().anyMatch(t -> t.getString("name").equals("ci") && t.getString("expires_at").startsWith("2036-12-09")),
                listed.toString());
        // the sessions: the live one refreshes, the ones ended by logout stay ended
        assertEquals(200, api.jwt().refresh(made.getJsonObject("live_session").getString("refresh_token")).status());
        assertProblem(api.jwt().refresh(made.getJsonObject("ended_session").getString("refresh_token")), 401);
        assertProblem(api.jwt().refresh(made.getJsonObject("admin_session_ended").getString("refresh_token")), 401);
        // the users, as the administrator sees them
        String[] admin = Api.bearer(api.jwt().login(ADMIN, ADMIN_PASSWORD).getString("access_token"));
        JsonObject alice = api.admin().user(aliceId, admin).json();
        assertEquals("alice@example.com", alice.getString("email"));
        assertEquals(made.getJsonObject("alice").getString("created_at"), alice.getString("created_at"));
        // the keys: both published, and a token of the current one verifies
        assertEquals(Set.of(current.getKeyID(), next.getKeyID()), api.jwt().kids());
        assertEquals(200, api.accounts().me(Api.bearer(pair.getString("access_token"))).status());
    }

    /** 1.0's signing-keys.json: a current and a next key, made an hour ago. */
    private static String keyFileOf10(RSAKey current, RSAKey next) {
        long created = Instant.now().minusSeconds(3600).getEpochSecond();
        return Json.createObjectBuilder().add("keys", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("state", "CURRENT").add("created_at", created).addNull("retired_at")
                        .add("jwk", Json.createReader(new StringReader(current.toJSONString())).readObject()))
                .add(Json.createObjectBuilder().add("state", "NEXT").add("created_at", created).addNull("retired_at")
                        .add("jwk", Json.createReader(new StringReader(next.toJSONString())).readObject())))
                .build().toString();
    }

    private static RSAKey key() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        return new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
    }

    private static JsonObject json(String resource) throws IOException {
        return Json.createReader(new StringReader(text(resource))).readObject();
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = UpgradeFrom10IT.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = UpgradeFrom10IT.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** pg_dump's SQL of 1.0, into this schema instead of public. */
    private static void load(String schema, String... resources) throws IOException {
        try (Connection c = TestServers.postgreSql(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            for (String resource : resources) {
                String sql = text(resource).replace("public.", schema + ".")
                        .replace("SELECT pg_catalog.set_config('search_path', '', false);", "");
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load 1.0's database into " + schema, e);
        }
    }
}
