package org.tokenauth.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The last resort: a 500 that names an incident id, with the stack trace in the log, never in the body. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        // e.g. a problem thrown inside a transactional method and wrapped on the way out
        Optional<ApiProblem> wrapped = ApiProblem.within(e);
        if (wrapped.isPresent()) {
            return ProblemResponses.of(wrapped.get());
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident, e);
        return ProblemResponses.of(Problem.of(500, "Unexpected error; incident " + incident + "."), Map.of());
    }
}
