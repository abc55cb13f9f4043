package org.tokenauth.problems;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds the JAX-RS response for a problem; used by every mapper so that they cannot drift apart. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static Response of(ApiProblem e) {
        return of(e.problem(), e.headers());
    }

    static Response of(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.toJson());
        headers.forEach(builder::header);
        return builder.build();
    }
}
