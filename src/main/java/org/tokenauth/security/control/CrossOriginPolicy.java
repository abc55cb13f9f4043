package org.tokenauth.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CORS for the origins in {@code tokenauth.cors.allowed-origins}, and for no other. Credentials
 * travel in the {@code Authorization} header, never in cookies, so there is no
 * {@code Allow-Credentials} and never a wildcard. Used by the filter for every API request and by
 * the authentication mechanism for the refusals it writes itself, so that a browser on an allowed
 * origin can read a 401 too.
 */
@ApplicationScoped
public class CrossOriginPolicy {

    public static final String METHODS = "GET, POST, PUT, PATCH, DELETE";
    public static final String HEADERS = "Authorization, Content-Type";
    static final String EXPOSED = "WWW-Authenticate, Retry-After, Location";
    public static final String MAX_AGE = "600";

    @Inject
    CorsSettings settings;

    public boolean allows(String origin) {
        return origin != null && settings.allows(origin);
    }

    /** Grants an actual (not preflight) request from an allowed origin; says that answers vary by origin. */
    public void grant(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return;
        }
        if (!response.getHeaders("Vary").contains("Origin")) {
            response.addHeader("Vary", "Origin");
        }
        if (allows(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Expose-Headers", EXPOSED);
        }
    }
}
