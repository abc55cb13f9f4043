package org.tokenauth.problems;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one exception the application throws for anything a client did wrong or must wait for.
 * {@link ApiProblemMapper} turns it into problem+json; headers such as {@code Retry-After} travel with it.
 */
public class ApiProblem extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    public ApiProblem(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ApiProblem(int status, String detail) {
        this(Problem.of(status, detail), Map.of());
    }

    /** The problem that {@code e} is, or that it carries as a cause at any depth. */
    public static Optional<ApiProblem> within(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiProblem problem) {
                return Optional.of(problem);
            }
        }
        return Optional.empty();
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiProblem invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : "The request has " + errors.size() + " invalid fields.";
        return new ApiProblem(new Problem(400, "Bad Request", detail, errors), Map.of());
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    /** 409 naming each field whose value another resource already holds. */
    public static ApiProblem conflict(List<Problem.FieldError> taken) {
        String detail = taken.stream().map(e -> e.field() + ": " + e.message()).collect(java.util.stream.Collectors.joining("; "));
        return new ApiProblem(new Problem(409, "Conflict", detail, taken), Map.of());
    }

    public static ApiProblem notFound() {
        return new ApiProblem(404, "No such resource.");
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(Problem.of(401, detail),
                Map.of("WWW-Authenticate", Challenges.both(null)));
    }

    public static ApiProblem retryLater(int status, String detail, long retryAfterSeconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        return new ApiProblem(Problem.of(status, detail), headers);
    }
}
