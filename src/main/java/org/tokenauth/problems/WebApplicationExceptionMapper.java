package org.tokenauth.problems;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAX-RS's own errors (unknown path, wrong method, wrong media type, the roles filter's 401 and 403)
 * as problem+json. Their messages are the framework's, so each status gets a detail of our own.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        Map<String, String> headers = new LinkedHashMap<>();
        if (status == 401) {
            headers.put(HttpHeaders.WWW_AUTHENTICATE, Challenges.both(null));
        }
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            headers.put(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        if (status >= 500) {
            LOG.log(Level.SEVERE, "request failed", e);
        }
        return ProblemResponses.of(Problem.of(status, detailFor(status)), headers);
    }

    static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 401 -> "A valid credential is required: Authorization: Bearer <jwt> or Token <api token>.";
            case 403 -> "The credential is valid but not allowed to do this.";
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "This resource answers application/json only.";
            case 413 -> "The request body is larger than 64 KiB.";
            case 415 -> "The request body must be application/json.";
            default -> status >= 500 ? "The server could not answer this request." : Problem.titleFor(status);
        };
    }
}
