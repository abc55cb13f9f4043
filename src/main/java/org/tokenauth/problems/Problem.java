package org.tokenauth.problems;

import org.tokenauth.platform.JsonP;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem. It writes its own JSON with JSON-P, so that the exception mappers, the
 * servlet error page and the authentication mechanism, which runs before JAX-RS, all give the same
 * bytes for the same problem.
 */
public record Problem(int status, String title, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String detail) {
        return new Problem(status, titleFor(status), detail, List.of());
    }

    public String toJson() {
        JsonObjectBuilder json = JsonP.PROVIDER.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? title : detail);
        if (!errors.isEmpty()) {
            JsonArrayBuilder list = JsonP.PROVIDER.createArrayBuilder();
            for (FieldError e : errors) {
                list.add(JsonP.PROVIDER.createObjectBuilder().add("field", e.field()).add("message", e.message()));
            }
            json.add("errors", list);
        }
        return json.build().toString();
    }

    static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : (status >= 500 ? "Server Error" : "Client Error");
            }
        };
    }
}
