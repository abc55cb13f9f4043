package org.tokenauth.security.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.tokenauth.problems.ErrorPageServlet;
import org.tokenauth.problems.Problem;
import org.tokenauth.security.control.CrossOriginPolicy;

/**
 * Applies the {@link CrossOriginPolicy} to every API request: answers preflights, grants actual
 * requests. It also runs on error dispatches, so that a browser can read a 401 or 429 problem.
 */
// the error page too: an error raised outside JAX-RS is answered from there
@WebFilter(urlPatterns = {"/api/*", ErrorPageServlet.PATH}, asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class CrossOrigin extends HttpFilter {

    @Inject
    CrossOriginPolicy policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null || (request.getDispatcherType() == DispatcherType.ERROR
                && !(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed
                && failed.startsWith(request.getContextPath() + "/api/")))) {
            // no origin, or an error page for something outside the API: no grant
            chain.doFilter(request, response);
            return;
        }
        boolean preflight = "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null
                && request.getDispatcherType() == DispatcherType.REQUEST;
        if (preflight) {
            response.addHeader("Vary", "Origin");
            if (!policy.allows(origin)) {
                ErrorPageServlet.write(response, Problem.of(403, "Origin " + origin + " is not allowed to call this API."));
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Methods", CrossOriginPolicy.METHODS);
            response.setHeader("Access-Control-Allow-Headers", CrossOriginPolicy.HEADERS);
            response.setHeader("Access-Control-Max-Age", CrossOriginPolicy.MAX_AGE);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        policy.grant(request, response);
        chain.doFilter(request, response);
    }
}
