package org.tokenauth.problems;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Jersey wraps failures of its message body readers in {@link ProcessingException}; on this path
 * they can only come from a body the client sent.
 */
@Provider
public class MalformedBody implements ExceptionMapper<ProcessingException> {

    public static final String DETAIL = "The request body is not valid JSON of the expected shape.";

    @Override
    public Response toResponse(ProcessingException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ApiProblem problem) {
                return ProblemResponses.of(problem.problem(), problem.headers());
            }
            cause = cause.getCause();
        }
        return ProblemResponses.of(Problem.of(400, DETAIL), Map.of());
    }
}
