package org.tokenauth.problems;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** A body that is not JSON, or JSON of the wrong shape for the endpoint. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException e) {
        return ProblemResponses.of(Problem.of(400, MalformedBodyMapper.DETAIL), Map.of());
    }
}
