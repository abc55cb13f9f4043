package org.tokenauth.example.notes;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The service's authentication: {@code Authorization: Token …} is checked here, by introspection at
 * token-auth; anything else goes to the server's MicroProfile JWT mechanism, unchanged.
 *
 * <p>Why a mechanism and not a JAX-RS {@code ContainerRequestFilter}: on Payara, {@code @RolesAllowed}
 * on a resource asks Jakarta Security who the caller is, and a filter cannot log anyone in there, so a
 * filter would have to enforce the roles of API tokens itself, beside {@code @RolesAllowed}. A
 * mechanism logs the token's owner in with the token's groups, exactly as MicroProfile JWT does for a
 * bearer, and {@code @RolesAllowed} then holds for both.
 *
 * <p>Jakarta Security 3 (Jakarta EE 10) uses one mechanism per application, and {@code @LoginConfig}
 * has made MicroProfile JWT's that one; this bean, an enabled {@code @Alternative}, is chosen instead,
 * and hands on to that one what is not an API token.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class ApiTokenMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(ApiTokenMechanism.class.getName());
    private static final String SCHEME = "Token ";

    @Inject
    TokenIntrospection introspection;

    @Inject
    BeanManager beans;

    private volatile HttpAuthenticationMechanism microProfileJwt;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return microProfileJwt().validateRequest(request, response, context);
        }
        TokenIntrospection.Verdict verdict;
        try {
            verdict = introspection.inspect(authorization.substring(SCHEME.length()).trim());
        } catch (TokenIntrospection.Unavailable e) {
            // not the client's fault, and not a reason to let it in: try again later
            LOG.log(Level.WARNING, "cannot check an API token: " + e.getMessage(), e.getCause());
            return unavailable(response);
        }
        if (!verdict.active()) {
            response.setHeader("WWW-Authenticate", "Token realm=\"notes\", Bearer realm=\"notes\"");
            return context.responseUnauthorized();
        }
        // for this request only: the next one brings its token again
        return context.notifyContainerAboutLogin(new CallerPrincipal(verdict.username()), verdict.groups());
    }

    /** A 503 written and committed here, so that the container does not turn it into a 401. */
    private static AuthenticationStatus unavailable(HttpServletResponse response) {
        try {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            response.setContentType("text/plain");
            response.getWriter().write("The credential cannot be checked now.");
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "the client left", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * The mechanism that {@code @LoginConfig(authMethod = "MP-JWT")} installed: the other bean of this
     * type (this one, as an alternative, hides it from ordinary injection, not from the bean manager).
     */
    private HttpAuthenticationMechanism microProfileJwt() {
        HttpAuthenticationMechanism found = microProfileJwt;
        if (found == null) {
            List<Bean<?>> others = beans.getBeans(HttpAuthenticationMechanism.class).stream()
                    .filter(bean -> !bean.getBeanClass().equals(ApiTokenMechanism.class)).toList();
            if (others.size() != 1) {
                throw new IllegalStateException("expected MicroProfile JWT's mechanism beside this one, found " + others
                        + ": is @LoginConfig(authMethod = \"MP-JWT\") on an @ApplicationScoped Application?");
            }
            Bean<?> bean = others.get(0);
            found = (HttpAuthenticationMechanism) beans.getReference(bean, HttpAuthenticationMechanism.class,
                    beans.createCreationalContext(bean));
            microProfileJwt = found;
        }
        return found;
    }
}
