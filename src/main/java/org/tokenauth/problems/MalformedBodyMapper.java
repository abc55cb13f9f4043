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
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    public static final String DETAIL = "The request body is not valid JSON of the expected shape.";

    @Override
    public Response toResponse(ProcessingException e) {
        return ApiProblem.within(e).map(ProblemResponses::of).orElseGet(() -> ProblemResponses.of(Problem.of(400, DETAIL), Map.of()));
    }
}
