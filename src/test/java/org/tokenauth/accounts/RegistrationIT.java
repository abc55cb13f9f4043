package org.tokenauth.accounts;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServers;

/**
 * {@code POST /api/auth/register}: the happy path, every validation rule, conflicts (also under a
 * race), and the error shape of everything a client can get wrong at the HTTP level (body, media
 * type, size, path, method): always RFC 9457 problem+json, never HTML.
 */
class RegistrationIT {

    private static final String REGISTER = "/api/auth/register";
    private static final String PROBLEM_JSON = "application/problem+json";

    final URL base = TestServers.shared().base();

    @Test
    void registersAUserAndAnswersWithItsShape() {
        Api api = new Api(base);
        String name = Api.uniqueName("Reg");
        Api.Reply reply = api.post("/api/auth/register", Json.createObjectBuilder().add("username", name)
                .add("email", name + "@Example.com").add("password", Api.PASSWORD).build());
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
        Api.Reply missing = new Api(base).post(REGISTER, Json.createObjectBuilder()
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
        Api api = new Api(base);
        String name = Api.uniqueName("pw128");
        assertInvalid(register(name, name + "@example.com", "p".repeat(128) + "q"), "password");

        String longest = "Pp".repeat(63) + "q!";
        assertEquals(128, longest.length());
        Api.Reply ok = register(name, name + "@example.com", longest);
        assertEquals(201, ok.status(), ok.toString());
        // never truncated: the whole 128 characters are the password, and a prefix of them is not
        assertEquals(name, api.get("/api/me", Api.token(api.createToken(name, longest).getString("token")))
                .json().getString("username"));
        Api.Reply truncated = api.post("/api/auth/tokens", Json.createObjectBuilder().add("username", name)
                .add("password", longest.substring(0, 127)).build());
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
        Api.Reply reply = new Api(base).post(REGISTER, Json.createObjectBuilder()
                .add("username", name).add("email", name + "@example.com").build());
        assertInvalid(reply, "password");
    }

    @Test
    void passwordInAnyUnicodeIsAcceptedAndCountedInCharacters() {
        Api api = new Api(base);
        String name = Api.uniqueName("unicode");
        // 12 characters, 24 UTF-16 units, 48 UTF-8 bytes
        String emoji = "\uD83D\uDD11".repeat(6) + "\uD83C\uDF08".repeat(6);
        Api.Reply ok = register(name, name + "@example.com", emoji);
        assertEquals(201, ok.status(), ok.toString());
        assertEquals(name, api.get("/api/me", Api.token(api.createToken(name, emoji).getString("token")))
                .json().getString("username"));
    }

    @Test
    void everyFailingFieldIsNamedAtOnce() {
        Api.Reply reply = register("no spaces allowed", "not-an-address", "short");
        assertInvalid(reply, "username", "email", "password");

        Api.Reply empty = new Api(base).postRaw(REGISTER, "application/json", "{}");
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
    void parallelRegistrationsOfOneUsernameMakeExactlyOneAccount() throws Exception {
        Api api = new Api(base);
        String name = Api.uniqueName("race");
        List<Api.Reply> all = inParallel(20, i -> register(name, name + "-" + i + "@example.com", Api.PASSWORD));
        Map<Integer, Integer> byStatus = new TreeMap<>();
        all.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        assertEquals(Map.of(201, 1, 409, all.size() - 1), byStatus, all.toString());
        assertAll(all.stream().filter(r -> r.status() == 409).map(r -> () -> assertConflict(r, "username")));
        // and the one account that exists is usable
        assertEquals(name, api.get("/api/me", Api.token(api.createToken(name, Api.PASSWORD).getString("token")))
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
        Api api = new Api(base);
        assertAll(List.of("{", "{\"username\": ", "not json at all", "{\"username\":\"a\",}", "{'username':'a'}",
                        "{\"username\":\"a\" \"email\":\"b\"}", "\u0000").stream()
                .map(body -> () -> assertProblem(api.postRaw(REGISTER, "application/json", body), 400)));
    }

    @Test
    void jsonOfTheWrongShapeIsA400Problem() {
        Api api = new Api(base);
        assertAll(List.of("[]", "[1, 2]", "\"a string\"", "42", "true", "{\"username\": {\"nested\": 1}}").stream()
                .map(body -> () -> assertProblem(api.postRaw(REGISTER, "application/json", body), 400)));
    }

    /**
     * One JSON object is the body; an object wrapped in an array, or followed by anything, is not
     * (RFC 8259: a JSON text is exactly one value), and must neither be half-read nor make an account.
     */
    @Test
    void aValidObjectInsideOrBeforeOtherJsonIsA400ProblemAndMakesNoAccount() {
        Api api = new Api(base);
        List<String> wrappers = List.of("[%s]", "[%s, 1]", "%s garbage", "%s{}", "%s %s", "%s]");
        assertAll(wrappers.stream().map(wrapper -> () -> {
            String name = Api.uniqueName("wrapped");
            String object = registration(name, name + "@example.com", Api.PASSWORD);
            String body = wrapper.replace("%s", object);
            assertProblem(api.postRaw(REGISTER, "application/json", body), 400);
            Api.Reply after = register(name, name + "@example.com", Api.PASSWORD);
            assertEquals(201, after.status(), "the body " + body + " made the account: " + after);
        }));
    }

    @Test
    void noBodyIsA400Problem() {
        Api api = new Api(base);
        assertProblem(api.send("POST", REGISTER, "application/json", null), 400);
        assertProblem(api.send("POST", REGISTER, "application/json", new byte[0]), 400);
        assertProblem(api.postRaw(REGISTER, "application/json", "null"), 400);
    }

    @Test
    void aBodyThatIsNotJsonIsA415Problem() {
        Api api = new Api(base);
        String name = Api.uniqueName("plain");
        String json = Json.createObjectBuilder().add("username", name).add("email", name + "@example.com")
                .add("password", Api.PASSWORD).build().toString();
        assertProblem(api.postRaw(REGISTER, "text/plain", json), 415);
        assertProblem(api.postRaw(REGISTER, "application/x-www-form-urlencoded",
                "username=" + name + "&email=" + name + "%40example.com&password=abcdefghijkl"), 415);
        assertProblem(api.postRaw(REGISTER, "application/xml", "<user/>"), 415);
    }

    /*
     * The two tests below talk HTTP/1.1. Over h2c (HttpClient's default, and Payara accepts the
     * upgrade) the JDK client does not hand over a response before it has sent the whole request
     * body, and Payara answers an early 413 without RST_STREAM(NO_ERROR) nor more flow-control
     * window: the client then waits until the server's idle timeout (30 s) and gets "EOF reached
     * while reading". curl over HTTP/2 gets the 413 at once, so this is a client/server HTTP/2
     * interplay and not the application's doing.
     */
    @Test
    void aBodyOverTheLimitIsA413Problem() {
        assertProblem(sendHttp11(REGISTER, HttpRequest.BodyPublishers.ofByteArray(oneMegabyteOfJson())), 413);
        // just over 64 KiB is refused, exactly 64 KiB is read (and then found invalid)
        assertProblem(sendHttp11(REGISTER, HttpRequest.BodyPublishers.ofByteArray(paddedJson(64 * 1024 + 1))), 413);
        assertInvalid(sendHttp11(REGISTER, HttpRequest.BodyPublishers.ofByteArray(paddedJson(64 * 1024))),
                "username", "email", "password");
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413Problem() {
        byte[] megabyte = oneMegabyteOfJson();
        // an InputStream publisher has no known length: HttpClient sends it chunked
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(megabyte));
        assertEquals(-1, chunked.contentLength());
        assertProblem(sendHttp11(REGISTER, chunked), 413);
        // and a small chunked body is read as usual
        String name = Api.uniqueName("chunked");
        byte[] small = registration(name, name + "@example.com", Api.PASSWORD).getBytes(StandardCharsets.UTF_8);
        Api.Reply ok = sendHttp11(REGISTER, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)));
        assertEquals(201, ok.status(), ok.toString());
    }

    @Test
    void unknownPathsAre404Problems() {
        Api api = new Api(base);
        assertProblem(api.get("/api/nope"), 404);
        assertProblem(api.get("/nope"), 404);
        assertProblem(api.postRaw("/api/nope", "application/json", "{}"), 404);
        assertProblem(api.get("/api/auth/register/nope"), 404);
    }

    @Test
    void wrongMethodIsA405Problem() {
        Api api = new Api(base);
        Api.Reply delete = api.delete(REGISTER);
        assertProblem(delete, 405);
        assertTrue(delete.header("Allow").orElse("").contains("POST"), "Allow header: " + delete.headers().map());
        Api.Reply get = api.get(REGISTER);
        assertProblem(get, 405);
        assertProblem(api.send("PUT", REGISTER, "application/json", "{}".getBytes(StandardCharsets.UTF_8)), 405);
    }

    // ---- helpers ----

    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Api.Reply sendHttp11(String path, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(new Api(base).uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(body).build();
        try {
            HttpResponse<String> response = HTTP_1_1.send(request, HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String registration(String username, String email, String password) {
        return Json.createObjectBuilder().add("username", username).add("email", email).add("password", password)
                .build().toString();
    }

    private Api.Reply register(String username, String email, String password) {
        return new Api(base).post(REGISTER, Json.createObjectBuilder().add("username", username)
                .add("email", email).add("password", password).build());
    }

    /** Any error: the status, problem+json, and the RFC 9457 members; never HTML or a stack trace. */
    static JsonObject assertProblem(Api.Reply reply, int status) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith(PROBLEM_JSON), "Content-Type " + reply.contentType() + " of " + reply);
        JsonObject problem = reply.json();
        assertTrue(problem.keySet().containsAll(Set.of("type", "title", "status", "detail")), problem.toString());
        assertEquals(status, problem.getInt("status"), problem.toString());
        assertEquals(JsonValue.ValueType.STRING, problem.get("type").getValueType(), problem.toString());
        assertFalse(problem.getString("title").isBlank(), problem.toString());
        assertFalse(problem.getString("detail").isBlank(), problem.toString());
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), reply.body());
        return problem;
    }

    /** A 400 validation problem whose {@code errors} name exactly {@code fields}. */
    private static void assertInvalid(Api.Reply reply, String... fields) {
        JsonObject problem = assertProblem(reply, 400);
        assertEquals(Set.of(fields), errorFields(problem), problem.toString());
        problem.getJsonArray("errors").getValuesAs(JsonObject.class)
                .forEach(e -> assertFalse(e.getString("message").isBlank(), problem.toString()));
    }

    private static void assertConflict(Api.Reply reply, String field) {
        JsonObject problem = assertProblem(reply, 409);
        assertEquals(Set.of(field), errorFields(problem), problem.toString());
    }

    private static Set<String> errorFields(JsonObject problem) {
        assertTrue(problem.containsKey("errors"), "no errors member: " + problem);
        return problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).collect(Collectors.toSet());
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
