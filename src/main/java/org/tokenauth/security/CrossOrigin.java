package org.tokenauth.security;

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
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenauth.problems.ErrorPageServlet;
import org.tokenauth.problems.Problem;

/**
 * CORS for the origins in {@code tokenauth.cors.allowed-origins}, and for no other. Credentials
 * travel in the {@code Authorization} header, never in cookies, so there is no
 * {@code Allow-Credentials} and never a wildcard. It also runs on error dispatches, so that a
 * browser can read a 401 or 429 problem.
 */
// the error page too: a credential refused before the filters run is answered from there
@WebFilter(urlPatterns = {"/api/*", ErrorPageServlet.PATH}, asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class CrossOrigin extends HttpFilter {

    static final String METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String HEADERS = "Authorization, Content-Type";
    static final String EXPOSED = "WWW-Authenticate, Retry-After, Location";
    static final String MAX_AGE = "600";

    @Inject
    @ConfigProperty(name = "tokenauth.cors.allowed-origins")
    Optional<String> allowedOrigins;

    private Set<String> allowed;

    @Override
    public void init() {
        allowed = allowedOrigins.map(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(o -> !o.isEmpty() && !o.equals("*")).map(CrossOrigin::stripSlash).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin != null && request.getDispatcherType() == DispatcherType.ERROR
                && !(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed
                && failed.startsWith(request.getContextPath() + "/api/"))) {
            origin = null; // an error page for something outside the API gets no grant
        }
        if (origin == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!response.getHeaders("Vary").contains("Origin")) {
            response.addHeader("Vary", "Origin");
        }
        boolean granted = allowed.contains(origin);
        boolean preflight = "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null
                && request.getDispatcherType() == DispatcherType.REQUEST;
        if (preflight) {
            if (!granted) {
                ErrorPageServlet.write(response, Problem.of(403, "Origin " + origin + " is not allowed to call this API."));
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Methods", METHODS);
            response.setHeader("Access-Control-Allow-Headers", HEADERS);
            response.setHeader("Access-Control-Max-Age", MAX_AGE);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (granted) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Expose-Headers", EXPOSED);
        }
        chain.doFilter(request, response);
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
