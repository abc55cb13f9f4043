package org.tokenauth.security.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Ends a request whose credential {@link CredentialMechanism} refused. The mechanism has written the
 * whole answer and tells the container nothing, so the request goes on, anonymous, and would reach a
 * {@code @PermitAll} resource; this filter stops it, the same way on every server. First of the
 * filters: web.xml declares it and maps it before the others (not {@code @WebFilter}: Open Liberty
 * refuses that annotation without a URL pattern, and with one the order of filters would be
 * undefined).
 */
public class RefusedRequests extends HttpFilter {

    /** The request attribute that the mechanism sets when it has answered. */
    static final String REFUSED = RefusedRequests.class.getName();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(REFUSED) == null) {
            chain.doFilter(request, response);
        }
    }
}
