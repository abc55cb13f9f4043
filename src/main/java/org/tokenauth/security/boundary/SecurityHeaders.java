package org.tokenauth.security.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every response gets, set before anything else writes: no MIME sniffing, and no caching of
 * anything under {@code /api/auth}, {@code /api/me} and {@code /api/admin}, where tokens and personal
 * data (e-mail addresses) travel. The JWKS is the exception: verifiers are meant to cache it.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    public static final String JWKS_PATH = "/api/auth/jwks";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(JWKS_PATH)) {
            response.setHeader("Cache-Control", "public, max-age=300");
        } else if (path.startsWith("/api/auth") || path.startsWith("/api/me") || path.startsWith("/api/admin")) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        chain.doFilter(request, response);
    }
}
