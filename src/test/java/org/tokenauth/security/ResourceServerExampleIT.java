package org.tokenauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tokenauth.example.notes.NotesApplication;
import org.tokenauth.example.notes.NotesResource;
import org.tokenauth.support.Api;
import org.tokenauth.support.Api.Reply;
import org.tokenauth.support.OtherServiceServer;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;

/**
 * Issue 15: another Jakarta EE service accepts both kinds of credential that token-auth issues. The
 * notes service ({@link org.tokenauth.example.notes}) is a WAR of its own on a second Payara Micro: it
 * verifies bearer JWTs with standard MicroProfile JWT against token-auth's JWKS, and asks token-auth's
 * introspection endpoint about API tokens, remembering answers for {@value #CACHE_SECONDS} s here.
 * Reading notes needs the group {@code notes.read}, writing {@code notes.write}; a user gets them from
 * an administrator, and can make an API token that holds only the first.
 */
class ResourceServerExampleIT {

    /** Short, so that the revocation test waits little; the service's own default is 5. */
    static final String CACHE_SECONDS = "2";
    /** How long the revocation test waits at most for the service to refuse a revoked token: far beyond the cache time. */
    static final Duration REVOCATION_WAIT = Duration.ofSeconds(60);

    static Api tokenAuth;
    static TestServer notesServer;
    static Api notes;

    /** token-auth, a service token for the notes service, then the notes service pointed at token-auth. */
    @BeforeAll
    static void startTheNotesService() {
        TestServer server = TestServers.shared();
        tokenAuth = server.api();
        Reply serviceToken = tokenAuth.tokens().create(Json.createObjectBuilder().add("name", "notes service")
                .add("scopes", Json.createArrayBuilder().add("tokens:introspect")).build(), tokenAuth.admin().asAdministrator());
        assertEquals(201, serviceToken.status(), serviceToken.toString());

        WebArchive war = ShrinkWrap.create(WebArchive.class, "notes.war")
                .addPackage(NotesApplication.class.getPackage())
                .addAsResource("resource-server/microprofile-config.properties", "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        String base = server.base().toString();
        notesServer = TestServers.adopt(new OtherServiceServer("notes", Map.of(
                "mp.jwt.verify.publickey.location", base + "api/auth/jwks",
                "mp.jwt.verify.issuer", "token-auth",
                "notes.introspection.url", base + "api/auth/introspect",
                "notes.introspection.token", serviceToken.json().getString("token"),
                "notes.introspection.cache-seconds", CACHE_SECONDS), war, "notes"));
        notesServer.start();
        notes = notesServer.api();
    }

    @AfterAll
    static void stopTheNotesService() {
        if (notesServer != null) {
            notesServer.stop();
        }
    }

    /** A new user of token-auth, in group {@code user} and these. */
    private static String user(String stem, String... groups) {
        String name = Api.uniqueName(stem);
        String id = tokenAuth.register(name).getString("id");
        List<String> all = new ArrayList<>(List.of("user"));
        all.addAll(List.of(groups));
        Reply changed = tokenAuth.admin().setGroups(id, all, tokenAuth.admin().asAdministrator());
        assertEquals(200, changed.status(), changed.toString());
        return name;
    }

    private static String[] jwt(String name) {
        return Api.bearer(tokenAuth.jwt().login(name, Api.PASSWORD).getString("access_token"));
    }

    /** An API token of the user, by password, holding only these scopes. */
    private static String apiToken(String name, String... scopes) {
        return makeApiToken(name, scopes).getString("token");
    }

    /** The 201 body: the token and its id. */
    private static JsonObject makeApiToken(String name, String... scopes) {
        Reply made = tokenAuth.tokens().create(Json.createObjectBuilder().add("username", name).add("password", Api.PASSWORD)
                .add("scopes", Json.createArrayBuilder(List.of(scopes))).build());
        assertEquals(201, made.status(), made.toString());
        return made.json();
    }

    private static Reply read(String... credential) {
        return notes.get("/api/notes", credential);
    }

    private static Reply write(String text, String... credential) {
        return notes.post("/api/notes", Json.createObjectBuilder().add("text", text).build(), credential);
    }

    @Test
    void aJwtIsVerifiedByMicroProfileJwtAndItsGroupsAreTheRoles() {
        String writer = user("notes-writer", NotesResource.READ, NotesResource.WRITE);
        String reader = user("notes-reader", NotesResource.READ);
        String outsider = user("notes-outsider");

        Reply read = read(jwt(reader));
        assertEquals(200, read.status(), read.toString());
        assertEquals(reader, read.json().getString("caller"));
        assertEquals(403, write("not allowed", jwt(reader)).status(), "a reader's JWT cannot write");
        assertEquals(403, read(jwt(outsider)).status(), "without notes.read");

        Reply written = write("written with a JWT", jwt(writer));
        assertEquals(201, written.status(), written.toString());
        assertEquals(writer, written.json().getString("author"));
        assertTrue(read(jwt(reader)).json().getJsonArray("notes").getValuesAs(JsonObject.class).stream()
                .anyMatch(note -> note.getString("text").equals("written with a JWT")));

        String[] signed = jwt(reader)[1].substring("Bearer ".length()).split("\\.");
        String tampered = signed[0] + "." + signed[1] + "." + (signed[2].startsWith("A") ? "B" : "A") + signed[2].substring(1);
        assertEquals(401, read(Api.bearer(tampered)).status(), "a signature that is not token-auth's");
        assertEquals(401, read().status(), "no credential");
    }

    @Test
    void aReadOnlyApiTokenReadsAndIsRefusedTheWrite() {
        String writer = user("notes-token", NotesResource.READ, NotesResource.WRITE);
        String[] readOnly = Api.token(apiToken(writer, NotesResource.READ));

        Reply read = read(readOnly);
        assertEquals(200, read.status(), read.toString());
        assertEquals(writer, read.json().getString("caller"));
        Reply refused = write("with a read-only token", readOnly);
        assertEquals(403, refused.status(), "its owner may write, the token may not: " + refused);

        String[] readWrite = Api.token(apiToken(writer, NotesResource.READ, NotesResource.WRITE));
        Reply written = write("with a read-write token", readWrite);
        assertEquals(201, written.status(), written.toString());
        assertEquals(writer, written.json().getString("author"));

        String[] unscoped = Api.token(tokenAuth.createToken(writer, Api.PASSWORD).getString("token"));
        assertEquals(201, write("with an unscoped token: all of its owner's groups", unscoped).status());

        String[] onlyOtherScopes = Api.token(apiToken(writer, "user", "tokens:manage"));
        assertEquals(403, read(onlyOtherScopes).status(), "a token without notes.read, though its owner has it");
    }

    @Test
    void aRevokedApiTokenIsRefusedOnceTheCacheHasLetItGo() {
        String owner = user("notes-revoked", NotesResource.READ);
        JsonObject made = makeApiToken(owner, NotesResource.READ);
        String token = made.getString("token");
        assertEquals(200, read(Api.token(token)).status(), "live, and now remembered by the service");

        // by its owner, as after a leak
        assertEquals(204, tokenAuth.tokens().revoke(made.getString("id"), jwt(owner)).status(), "revoked at token-auth");
        assertEquals(401, tokenAuth.accounts().me(Api.token(token)).status(), "token-auth refuses it at once");

        // the service may accept it until its memory of the last answer ends; then it must ask again
        Instant deadline = Instant.now().plus(REVOCATION_WAIT);
        Reply reply = read(Api.token(token));
        while (reply.status() == 200 && Instant.now().isBefore(deadline)) {
            sleep(250);
            reply = read(Api.token(token));
        }
        assertEquals(401, reply.status(), "still accepted " + REVOCATION_WAIT.toSeconds() + " s after its revocation: " + reply);
    }

    @Test
    void garbageIsRefusedWith401() {
        Reply garbage = read(Api.token("not-a-token"));
        assertEquals(401, garbage.status(), garbage.toString());
        assertTrue(garbage.header("WWW-Authenticate").orElse("").startsWith("Token"), garbage.headers().map().toString());
        assertEquals(401, read(Api.token("tka_" + "A".repeat(49))).status(), "well-shaped, unknown");
        assertEquals(401, read(Api.token("")).status(), "empty");
        assertEquals(401, read(Api.bearer("not.a.jwt")).status(), "a bearer that is no JWT");

        String reader = user("notes-wrong-scheme", NotesResource.READ);
        String jwt = tokenAuth.jwt().login(reader, Api.PASSWORD).getString("access_token");
        assertEquals(401, read(Api.token(jwt)).status(), "a live JWT under the Token scheme: the service takes API tokens there");
        assertEquals(200, read(Api.bearer(jwt)).status(), "control: the same JWT as a bearer");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
