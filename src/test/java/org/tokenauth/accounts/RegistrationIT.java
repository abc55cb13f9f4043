package org.tokenauth.accounts;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenauth.support.Problems.assertInvalid;
import static org.tokenauth.support.Problems.assertProblem;
import static org.tokenauth.support.Problems.errorFields;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.AccountsClient;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServer;
import org.tokenauth.support.TestServers;

/**
 * {@code POST /api/auth/register}: the happy path, every validation rule, conflicts (also under a
 * race), and the error shape of everything a client can get wrong at the HTTP level (body, media
 * type, size, path, method): always RFC 9457 problem+json, never HTML.
 */
class RegistrationIT {

    final TestServer server = TestServers.shared();
    final Api api = server.api();

    @Test
    void registersAUserAndAnswersWithItsShape() {
        String name = Api.uniqueName("Reg");
        Api.Reply reply = api.accounts().register(name, name + "@Example.com", Api.PASSWORD);
        assertEquals(201, reply.status(), reply.toString());
        JsonObject user = reply.json();
        assertEquals(name, user.getString("username"));
        assertEquals(name + "@Example.com", user.getString("email"));
        assertEquals(java.util.List.of("user"), Api.strings(user.getJsonArray("groups")));
        assertTrue(user.getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), user.toString());
        assertEquals(java.util.Set.of("id", "username", "email", "groups", "created_at"), user.keySet());
    }

    // ---- validation: 400 problem+json naming each failing field ----

    @Test
    void usernameWithForbiddenCharactersIsRefused() {
        String name = Api.uniqueName("bad");
        for (String username : List.of(name + " space", name + "!", name + "/slash", "<" + name + ">", name + "\u00a0nbsp")) {
            assertInvalid(register(username, name + "@example.com", Api.PASSWORD), "username");
        }
    }

    @Test
    void usernameOf151CharactersIsRefusedAnd150IsAccepted() {
        String stem = Api.uniqueName("long");
        String tooLong = stem + "x".repeat(151 - stem.length());
        assertEquals(151, tooLong.length());
        assertInvalid(register(tooLong, stem + "@example.com", Api.PASSWORD), "username");

        String longest = stem + "y".repeat(150 - stem.length());
        Api.Reply ok = register(longest, stem + "@example.com", Api.PASSWORD);
        assertEquals(201, ok.status(), ok.toString());
        assertEquals(longest, ok.json().getString("username"));
    }

    @Test
    void usernameMissingOrEmptyIsRefused() {
        String name = Api.uniqueName("nouser");
        assertInvalid(register("", name + "@example.com", Api.PASSWORD), "username");
        Api.Reply missing = api.accounts().register(Json.createObjectBuilder()
                .add("email", name + "@example.com").add("password", Api.PASSWORD).build());
        assertInvalid(missing, "username");
    }

    @Test
    void malformedEmailAddressesAreRefused() {
        String name = Api.uniqueName("mail");
        for (String email : List.of("not-an-address", name + "@", "@example.com", name + "@example", name + " @example.com",
                name + "@exa mple.com", name + "@@example.com", "")) {
            assertInvalid(register(name, email, Api.PASSWORD), "email");
        }
    }

    @Test
    void passwordShorterThan12CharactersIsRefusedAnd12IsAccepted() {
        String name = Api.uniqueName("short");
        assertInvalid(register(name, name + "@example.com", "abcdefghij1"), "password");
        Api.Reply ok = register(name, name + "@example.com", "abcdefghij12");
        assertEquals(201, ok.status(), ok.toString());
    }

    @Test
    void passwordOf129CharactersIsRefusedAnd128IsAcceptedAndUsable() {
        String name = Api.uniqueName("pw128");
        assertInvalid(register(name, name + "@example.com", "p".repeat(128) + "q"), "password");

        String longest = "Pp".repeat(63) + "q!";
        assertEquals(128, longest.length());
        Api.Reply ok = register(name, name + "@example.com", longest);
        assertEquals(201, ok.status(), ok.toString());
        // never truncated: the whole 128 characters are the password, and a prefix of them is not
        assertEquals(name, api.accounts().me(Api.token(api.createToken(name, longest).getString("token")))
                .json().getString("username"));
        Api.Reply truncated = api.tokens().tryCreate(name, longest.substring(0, 127));
        assertEquals(401, truncated.status(), truncated.toString());
    }

    @Test
    void passwordOfDigitsOnlyIsRefused() {
        String name = Api.uniqueName("digits");
        assertInvalid(register(name, name + "@example.com", "123456789012345"), "password");
    }

    @Test
    void passwordEqualToTheUsernameIsRefusedAlsoInAnotherCase() {
        String name = Api.uniqueName("SameAsName");
        assertTrue(name.length() >= 12);
        assertInvalid(register(name, name + "@example.com", name), "password");
        assertInvalid(register(name, name + "@example.com", name.toUpperCase(java.util.Locale.ROOT)), "password");
    }

    @Test
    void passwordEqualToTheEmailIsRefused() {
        String name = Api.uniqueName("mailpw");
        assertInvalid(register(name, name + "@example.com", name + "@example.com"), "password");
    }

    @Test
    void passwordMissingIsRefused() {
        String name = Api.uniqueName("nopw");
        Api.Reply reply = api.accounts().register(Json.createObjectBuilder()
                .add("username", name).add("email", name + "@example.com").build());
        assertInvalid(reply, "password");
    }

    @Test
    void passwordInAnyUnicodeIsAcceptedAndCountedInCharacters() {
        String name = Api.uniqueName("unicode");
        // 12 characters, 24 UTF-16 units, 48 UTF-8 bytes
        String emoji = "\uD83D\uDD11".repeat(6) + "\uD83C\uDF08".repeat(6);
        Api.Reply ok = register(name, name + "@example.com", emoji);
        assertEquals(201, ok.status(), ok.toString());
        assertEquals(name, api.accounts().me(Api.token(api.createToken(name, emoji).getString("token")))
                .json().getString("username"));
    }

    @Test
    void everyFailingFieldIsNamedAtOnce() {
        Api.Reply reply = register("no spaces allowed", "not-an-address", "short");
        assertInvalid(reply, "username", "email", "password");

        Api.Reply empty = api.accounts().register(JsonValue.EMPTY_JSON_OBJECT);
        assertInvalid(empty, "username", "email", "password");
    }

    // ---- conflicts ----

    @Test
    void usernameDifferingOnlyInCaseIsAConflict() {
        String name = Api.uniqueName("Case");
        assertEquals(201, register(name, name + "-1@example.com", Api.PASSWORD).status());
        for (String variant : List.of(name.toUpperCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT), name)) {
            Api.Reply reply = register(variant, Api.uniqueName("other") + "@example.com", Api.PASSWORD);
            assertConflict(reply, "username");
        }
    }

    @Test
    void emailDifferingOnlyInCaseIsAConflict() {
        String first = Api.uniqueName("mailcase");
        String address = first + "@Example.com";
        assertEquals(201, register(first, address, Api.PASSWORD).status());
        Api.Reply reply = register(Api.uniqueName("second"), address.toUpperCase(java.util.Locale.ROOT), Api.PASSWORD);
        assertConflict(reply, "email");
    }

    @Test
    void aUsernameAndAnEmailBothTakenAreBothNamed() {
        String first = Api.uniqueName("both");
        assertEquals(201, register(first, first + "@example.com", Api.PASSWORD).status());
        JsonObject problem = assertProblem(register(first, first + "@example.com", Api.PASSWORD), 409);
        assertEquals(Set.of("username", "email"), errorFields(problem), problem.toString());
    }

    @Test
    void parallelRegistrationsOfOneUsernameMakeExactlyOneAccount() throws Exception {
        String name = Api.uniqueName("race");
        List<Api.Reply> all = inParallel(20, i -> register(name, name + "-" + i + "@example.com", Api.PASSWORD));
        Map<Integer, Integer> byStatus = new TreeMap<>();
        all.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        assertEquals(Map.of(201, 1, 409, all.size() - 1), byStatus, all.toString());
        assertAll(all.stream().filter(r -> r.status() == 409).map(r -> () -> assertConflict(r, "username")));
        // and the one account that exists is usable
        assertEquals(name, api.accounts().me(Api.token(api.createToken(name, Api.PASSWORD).getString("token")))
                .json().getString("username"));
    }

    /** Runs {@code count} calls at once: all threads wait at a start gate, then go together. */
    private static List<Api.Reply> inParallel(int count, java.util.function.IntFunction<Api.Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return call.apply(n);
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : futures) {
                replies.add(f.get(120, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelRegistrationsOfOneEmailMakeExactlyOneAccountAndNameTheEmail() throws Exception {
        String stem = Api.uniqueName("mailrace");
        String email = stem + "@example.com";
        // half of them in another case: still one address
        List<Api.Reply> all = inParallel(10, i -> register(stem + "-" + i,
                i % 2 == 0 ? email : email.toUpperCase(java.util.Locale.ROOT), Api.PASSWORD));
        Map<Integer, Integer> byStatus = new TreeMap<>();
        all.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        assertEquals(Map.of(201, 1, 409, all.size() - 1), byStatus, all.toString());
        assertAll(all.stream().filter(r -> r.status() == 409).map(r -> () -> assertConflict(r, "email")));
    }

    @Test
    void usernameLimitCountsCharactersAlsoOutsideTheBasicPlane() {
        // U+20000, a CJK ideograph (a letter), is one character but two UTF-16 units
        String stem = Api.uniqueName("cjk");
        String longest = stem + "\uD840\uDC00".repeat(150 - stem.length());
        assertEquals(150, longest.codePointCount(0, longest.length()));
        String tooLong = longest + "\uD840\uDC00";
        assertInvalid(register(tooLong, stem + "-2@example.com", Api.PASSWORD), "username");

        Api.Reply ok = register(longest, stem + "@example.com", Api.PASSWORD);
        assertEquals(201, ok.status(), "a new 150-character username: " + ok);
        assertEquals(longest, ok.json().getString("username"));
    }

    // ---- what is not a valid request at the HTTP level ----

    @Test
    void malformedJsonIsA400Problem() {
        assertAll(List.of("{", "{\"username\": ", "not json at all", "{\"username\":\"a\",}", "{'username':'a'}",
                        "{\"username\":\"a\" \"email\":\"b\"}", "\u0000").stream()
                .map(body -> () -> assertProblem(api.accounts().registerRaw("application/json", body), 400)));
    }

    @Test
    void jsonOfTheWrongShapeIsA400Problem() {
        assertAll(List.of("[]", "[1, 2]", "\"a string\"", "42", "true", "{\"username\": {\"nested\": 1}}").stream()
                .map(body -> () -> assertProblem(api.accounts().registerRaw("application/json", body), 400)));
    }

    /**
     * One JSON object is the body; an object wrapped in an array, or followed by anything, is not
     * (RFC 8259: a JSON text is exactly one value), and must neither be half-read nor make an account.
     */
    @Test
    void aValidObjectInsideOrBeforeOtherJsonIsA400ProblemAndMakesNoAccount() {
        List<String> wrappers = List.of("[%s]", "[%s, 1]", "%s garbage", "%s{}", "%s %s", "%s]");
        assertAll(wrappers.stream().map(wrapper -> () -> {
            String name = Api.uniqueName("wrapped");
            String object = AccountsClient.registration(name, name + "@example.com", Api.PASSWORD).toString();
            String body = wrapper.replace("%s", object);
            assertProblem(api.accounts().registerRaw("application/json", body), 400);
            Api.Reply after = register(name, name + "@example.com", Api.PASSWORD);
            assertEquals(201, after.status(), "the body " + body + " made the account: " + after);
        }));
    }

    @Test
    void noBodyIsA400Problem() {
        assertProblem(api.send("POST", AccountsClient.REGISTER, "application/json", null), 400);
        assertProblem(api.send("POST", AccountsClient.REGISTER, "application/json", new byte[0]), 400);
        assertProblem(api.accounts().registerRaw("application/json", "null"), 400);
    }

    @Test
    void aBodyThatIsNotJsonIsA415Problem() {
        String name = Api.uniqueName("plain");
        String json = AccountsClient.registration(name, name + "@example.com", Api.PASSWORD).toString();
        assertProblem(api.accounts().registerRaw("text/plain", json), 415);
        assertProblem(api.accounts().registerRaw("application/x-www-form-urlencoded",
                "username=" + name + "&email=" + name + "%40example.com&password=abcdefghijkl"), 415);
        assertProblem(api.accounts().registerRaw("application/xml", "<user/>"), 415);
    }

    /*
     * The two tests below need Api's HTTP/1.1. Over h2c (HttpClient's default, and Payara accepts the
     * upgrade) the JDK client does not hand over a response before it has sent the whole request
     * body, and Payara answers an early 413 without RST_STREAM(NO_ERROR) nor more flow-control
     * window: the client then waits until the server's idle timeout (30 s) and gets "EOF reached
     * while reading". curl over HTTP/2 gets the 413 at once, so this is a client/server HTTP/2
     * interplay and not the application's doing.
     */
    @Test
    void aBodyOverTheLimitIsA413Problem() {
        byte[] megabyte = oneMegabyteOfJson();
        Api.Reply tooLarge = register(HttpRequest.BodyPublishers.ofByteArray(megabyte));
        if (megabyte.length > server.messageSizeLimit()) {
            // over the server's own limit for a whole request: the server refuses it before the application
            assertEquals(413, tooLarge.status(), server + ": " + tooLarge);
        } else {
            assertProblem(tooLarge, 413);
        }
        // just over 64 KiB is refused, exactly 64 KiB is read (and then found invalid)
        assertProblem(register(HttpRequest.BodyPublishers.ofByteArray(paddedJson(64 * 1024 + 1))), 413);
        assertInvalid(register(HttpRequest.BodyPublishers.ofByteArray(paddedJson(64 * 1024))),
                "username", "email", "password");
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413Problem() {
        byte[] megabyte = oneMegabyteOfJson();
        // an InputStream publisher has no known length: HttpClient sends it chunked
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(megabyte));
        assertEquals(-1, chunked.contentLength());
        assertProblem(register(chunked), 413);
        // and a small chunked body is read as usual
        String name = Api.uniqueName("chunked");
        byte[] small = AccountsClient.registration(name, name + "@example.com", Api.PASSWORD).toString().getBytes(StandardCharsets.UTF_8);
        Api.Reply ok = register(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)));
        assertEquals(201, ok.status(), ok.toString());
    }

    @Test
    void unknownPathsAre404Problems() {
        assertProblem(api.get("/api/nope"), 404);
        assertProblem(api.get("/nope"), 404);
        assertProblem(api.postRaw("/api/nope", "application/json", "{}"), 404);
        assertProblem(api.get(AccountsClient.REGISTER + "/nope"), 404);
    }

    @Test
    void wrongMethodIsA405Problem() {
        Api.Reply delete = api.delete(AccountsClient.REGISTER);
        assertProblem(delete, 405);
        assertTrue(delete.header("Allow").orElse("").contains("POST"), "Allow header: " + delete.headers().map());
        Api.Reply get = api.get(AccountsClient.REGISTER);
        assertProblem(get, 405);
        assertProblem(api.send("PUT", AccountsClient.REGISTER, "application/json", "{}".getBytes(StandardCharsets.UTF_8)), 405);
    }

    // ---- helpers ----

    /** A registration whose body the publisher gives (a large one, or one of unknown length, sent chunked). */
    private Api.Reply register(HttpRequest.BodyPublisher body) {
        return api.stream("POST", AccountsClient.REGISTER, "application/json", body);
    }

    private Api.Reply register(String username, String email, String password) {
        return api.accounts().register(username, email, password);
    }

    private static void assertConflict(Api.Reply reply, String field) {
        JsonObject problem = assertProblem(reply, 409);
        assertEquals(Set.of(field), errorFields(problem), problem.toString());
    }

    /** A syntactically valid JSON object of exactly {@code size} bytes, with an invalid username. */
    private static byte[] paddedJson(int size) {
        String head = "{\"username\":\"";
        String tail = "\",\"email\":\"x\",\"password\":\"y\"}";
        char[] pad = new char[size - head.length() - tail.length()];
        Arrays.fill(pad, 'a');
        byte[] bytes = (head + new String(pad) + tail).getBytes(StandardCharsets.UTF_8);
        assertEquals(size, bytes.length);
        return bytes;
    }

    private static byte[] oneMegabyteOfJson() {
        return paddedJson(1024 * 1024);
    }
}
