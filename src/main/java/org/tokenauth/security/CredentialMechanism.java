package org.tokenauth.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tokenauth.apitokens.control.ApiTokenStore;
import org.tokenauth.apitokens.control.TokenSecrets;
import org.tokenauth.problems.ErrorPageServlet;

/**
 * Tells the two credentials apart. {@code Token …} is checked here (shape and checksum first, then
 * memory or one indexed lookup); {@code Bearer …} goes to Payara's MP-JWT mechanism, which verifies the
 * signature and standard claims. No {@code Authorization} header: anonymous, and the resource's
 * {@code @RolesAllowed} or {@code @PermitAll} decides.
 *
 * <p>It replaces MP-JWT's mechanism as the application's one (an enabled alternative) and calls it
 * itself, because a JAX-RS filter cannot authenticate for {@code @RolesAllowed} on Payara.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class CredentialMechanism implements HttpAuthenticationMechanism {

    @Inject
    BeanManager beanManager;

    @Inject
    ApiTokenStore apiTokens;

    @Inject
    RevocationState revocation;

    @Inject
    SecurityEvents events;

    @Inject
    @ConfigProperty(name = "tokenauth.jwt.clock-skew", defaultValue = "30")
    long clockSkewSeconds;

    private final VerifiedBearers verified = new VerifiedBearers(20_000);
    private volatile HttpAuthenticationMechanism jwtMechanism;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return context.doNothing();
        }
        long started = System.nanoTime();
        if (startsWithScheme(header, "Token")) {
            AuthenticationStatus status = validateApiToken(header.substring(5), request, context);
            events.authenticated(false, System.nanoTime() - started);
            return status;
        }
        if (startsWithScheme(header, "Bearer")) {
            AuthenticationStatus status = validateBearer(header.substring(6), request, response, context);
            events.authenticated(true, System.nanoTime() - started);
            return status;
        }
        return refuse(request, context, "Unsupported authorization scheme; use Bearer or Token.");
    }

    private AuthenticationStatus validateApiToken(String rest, HttpServletRequest request, HttpMessageContext context) {
        String secret = rest.strip();
        if (!rest.startsWith(" ") || !TokenSecrets.wellFormed(secret, TokenSecrets.API_TOKEN)) {
            return refuse(request, context, "The API token is malformed.");
        }
        Optional<ApiTokenStore.Authenticated> found = apiTokens.authenticate(secret);
        if (found.isEmpty()) {
            return refuse(request, context, "The API token is unknown, expired or revoked.");
        }
        ApiTokenStore.Authenticated token = found.get();
        Caller caller = new Caller(token.accountId(), token.username(), token.groups(), Caller.TOKEN,
                token.tokenId(), null, token.expiresAt());
        request.setAttribute(Caller.ATTRIBUTE, caller);
        return context.notifyContainerAboutLogin(caller.username(), new HashSet<>(caller.groups()));
    }

    /**
     * A token verified before (byte for byte) needs only its expiry and the revocation state checked,
     * from memory. Otherwise: refuses what cannot be a live token of ours (not a JWT, or its session
     * ended, its user disabled, its password changed since) from memory, then lets MP-JWT check the
     * signature, issuer and expiry. A refusal here needs no signature check: refusing is always safe.
     */
    private AuthenticationStatus validateBearer(String rest, HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (!rest.startsWith(" ")) {
            return refuse(request, context, "The bearer token is not a JWT.");
        }
        String jwt = rest.strip();
        long now = System.currentTimeMillis() / 1000;
        VerifiedBearers.Verified known = verified.get(jwt, now, clockSkewSeconds);
        if (known != null) {
            if (refusedByRevocation(known.claims())) {
                return refuse(request, context, "The bearer token has been revoked.");
            }
            request.setAttribute(Caller.ATTRIBUTE, known.caller());
            context.getClientSubject().getPrincipals().add(known.principal());
            return context.notifyContainerAboutLogin(known.principal(), known.groups());
        }
        Optional<UnverifiedClaims> claims = UnverifiedClaims.of(jwt);
        if (claims.isEmpty()) {
            return refuse(request, context, "The bearer token is not a JWT.");
        }
        if (refusedByRevocation(claims.get())) {
            return refuse(request, context, "The bearer token has been revoked.");
        }
        // Payara's mechanism only knows "Bearer" spelt so; the scheme is case-insensitive (RFC 9110)
        String canonical = "Bearer " + jwt;
        HttpServletRequest withCanonicalHeader = new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return "Authorization".equalsIgnoreCase(name) ? canonical : super.getHeader(name);
            }
        };
        AuthenticationStatus status = jwtMechanism().validateRequest(withCanonicalHeader, response, context);
        if (status == AuthenticationStatus.SUCCESS && context.getCallerPrincipal() instanceof JsonWebToken principal) {
            request.setAttribute(Caller.ATTRIBUTE, verified.put(jwt, principal, claims.get(), now).caller());
        }
        return status;
    }

    private boolean refusedByRevocation(UnverifiedClaims c) {
        return revocation.refuses(c.subject(), c.sessionId(), c.issuedAt());
    }

    static boolean startsWithScheme(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length())
                && (header.length() == scheme.length() || header.charAt(scheme.length()) == ' ');
    }

    private static AuthenticationStatus refuse(HttpServletRequest request, HttpMessageContext context, String detail) {
        request.setAttribute(ErrorPageServlet.DETAIL_ATTRIBUTE, detail);
        return context.responseUnauthorized();
    }

    /** Payara's MP-JWT mechanism: the other bean of this type, installed by {@code @LoginConfig}. */
    private HttpAuthenticationMechanism jwtMechanism() {
        HttpAuthenticationMechanism found = jwtMechanism;
        if (found == null) {
            for (Bean<?> bean : beanManager.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE)) {
                if (!CredentialMechanism.class.isAssignableFrom(bean.getBeanClass())) {
                    found = (HttpAuthenticationMechanism) beanManager.getReference(bean, HttpAuthenticationMechanism.class,
                            beanManager.createCreationalContext(bean));
                    break;
                }
            }
            if (found == null) {
                throw new IllegalStateException("MP-JWT's authentication mechanism is not installed; is @LoginConfig on an @ApplicationScoped Application?");
            }
            jwtMechanism = found;
        }
        return found;
    }
}
