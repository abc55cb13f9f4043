package org.tokenauth.problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.tokenauth.platform.AuthorizationHeader;

/**
 * The container's error pages (web.xml sends every error status here): errors raised outside
 * JAX-RS, such as an unknown path outside {@code /api} or a method the servlet does not answer, are
 * problem+json like every other error, never an HTML page.
 */
@WebServlet(urlPatterns = ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    public static final String PATH = "/__problem";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            // an error after the answer was sent (a server's own failure after a refused credential): nothing to add
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        String detail = WebApplicationExceptionMapper.detailFor(status);
        if (status == 401) {
            boolean bearer = AuthorizationHeader.parse(request.getHeader("Authorization"))
                    .filter(h -> h.is(AuthorizationHeader.Scheme.BEARER)).isPresent();
            response.setHeader("WWW-Authenticate", Challenges.both(bearer ? "invalid_token" : null));
        }
        write(response, Problem.of(status, detail));
    }

    /** Writes a problem straight to the servlet response; for code that runs before JAX-RS. */
    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        byte[] body = problem.toJson().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
