package org.tokenauth.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every error of the API looks like (RFC 9457 problem+json, never HTML nor a stack trace), as
 * assertions: one definition for all the integration tests, so that they cannot drift apart.
 */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    /** Asserts a problem with this status, and returns it. */
    public static JsonObject assertProblem(Api.Reply reply, int status) {
        return assertProblem(reply, status, "");
    }

    /** @param what names the case in a failure message */
    public static JsonObject assertProblem(Api.Reply reply, int status, String what) {
        assertEquals(status, reply.status(), what + ": " + reply);
        assertTrue(reply.contentType().startsWith(PROBLEM_JSON), what + ": Content-Type " + reply.contentType() + " " + reply);
        JsonObject problem;
        try {
            problem = reply.json();
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": not JSON: " + reply, e);
        }
        assertTrue(problem.keySet().containsAll(Set.of("type", "title", "status", "detail")), what + ": " + problem);
        assertEquals(status, problem.getInt("status"), what + ": " + problem);
        assertEquals(JsonValue.ValueType.STRING, problem.get("type").getValueType(), what + ": " + problem);
        assertFalse(problem.getString("title").isBlank(), what + ": " + problem);
        assertFalse(problem.getString("detail").isBlank(), what + ": " + problem);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), what + ": leaks internals: " + reply);
        return problem;
    }

    /** Any 4xx problem: the server never fails with 5xx nor answers with HTML for bad input. */
    public static void assertClientError(Api.Reply reply) {
        assertTrue(reply.status() >= 400 && reply.status() < 500, reply.toString());
        assertProblem(reply, reply.status(), "client error");
    }

    /** A 400 validation problem whose {@code errors} name exactly {@code fields}, each with a message. */
    public static JsonObject assertInvalid(Api.Reply reply, String... fields) {
        JsonObject problem = assertProblem(reply, 400);
        assertTrue(problem.containsKey("errors"), "no errors member: " + problem);
        assertEquals(Set.of(fields), errorFields(problem), problem.toString());
        problem.getJsonArray("errors").getValuesAs(JsonObject.class)
                .forEach(e -> assertFalse(e.getString("message").isBlank(), problem.toString()));
        return problem;
    }

    /** The fields that the problem's {@code errors} name; none when it has no {@code errors}. */
    public static Set<String> errorFields(JsonObject problem) {
        if (!problem.containsKey("errors")) {
            return Set.of();
        }
        return problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream().map(e -> e.getString("field"))
                .collect(Collectors.toSet());
    }
}
