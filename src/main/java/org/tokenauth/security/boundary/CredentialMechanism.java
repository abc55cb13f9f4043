package org.tokenauth.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.tokenauth.accounts.control.Caller;
import org.tokenauth.accounts.control.Scopes;
import org.tokenauth.apitokens.control.ApiTokenStore;
import org.tokenauth.audit.SecurityEvents;
import org.tokenauth.jwt.control.JwtSettings;
import org.tokenauth.jwt.control.JwtVerifier;
import org.tokenauth.jwt.control.RevocationState;
import org.tokenauth.jwt.control.SigningKeysChanged;
import org.tokenauth.platform.AuthorizationHeader;
import org.tokenauth.platform.AuthorizationHeader.Scheme;
import org.tokenauth.platform.OpaqueSecrets;
import org.tokenauth.problems.Challenges;
import org.tokenauth.problems.ErrorPageServlet;
import org.tokenauth.problems.Problem;
import org.tokenauth.security.control.CrossOriginPolicy;
import org.tokenauth.security.control.VerifiedBearers;

/**
 * The application's one authentication mechanism, for both credentials. {@code Token …} is checked
 * against the API tokens (shape and checksum first, then memory or one indexed lookup);
 * {@code Bearer …} is verified here ({@link JwtVerifier}) and then checked against the revocation
 * state, both in memory. No {@code Authorization} header: anonymous, and the resource's roles decide
 * (see {@link RolesEnforcement}).
 *
 * <p>A refused credential ends the request here: this mechanism writes the whole 401 problem itself
 * (with both challenges, and the CORS grant a browser needs to read it), and {@link RefusedRequests}
 * stops the request. Handing the status to the container instead gives a bare 401 on some servers,
 * and on one of them lets the request go on to the resource.
 */
@ApplicationScoped
public class CredentialMechanism implements HttpAuthenticationMechanism {

    @Inject
    ApiTokenStore apiTokens;

    @Inject
    JwtVerifier jwtVerifier;

    @Inject
    RevocationState revocation;

    @Inject
    JwtSettings jwtSettings;

    @Inject
    CrossOriginPolicy crossOrigin;

    @Inject
    SecurityEvents events;

    private final VerifiedBearers verified = new VerifiedBearers(20_000);

    /** The MessageInfo key of the authentication type (Jakarta Authentication 3.0, servlet container profile). */
    static final String AUTH_TYPE = "jakarta.servlet.http.authType";
    static final String AUTH_TYPE_VALUE = "token-auth";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        List<String> presented = Collections.list(request.getHeaders("Authorization"));
        if (presented.size() > 1) {
            // the first would win here, the last at a proxy that reads the other one: refuse both
            return reject(request, response, context, Problem.of(400, "Send exactly one Authorization header."));
        }
        Optional<AuthorizationHeader> header = AuthorizationHeader.parse(presented.isEmpty() ? null : presented.get(0));
        if (header.isEmpty()) {
            return context.doNothing();
        }
        long started = System.nanoTime();
        return switch (header.get().scheme()) {
            case TOKEN -> {
                AuthenticationStatus status = apiToken(header.get().credentials(), request, response, context);
                events.authenticated(false, System.nanoTime() - started);
                yield status;
            }
            case BEARER -> {
                AuthenticationStatus status = bearer(header.get().credentials(), request, response, context);
                events.authenticated(true, System.nanoTime() - started);
                yield status;
            }
            case OTHER -> refuse(request, response, context, false, "Unsupported authorization scheme; use Bearer or Token.");
        };
    }

    private AuthenticationStatus apiToken(String secret, HttpServletRequest request, HttpServletResponse response,
                                          HttpMessageContext context) {
        if (!OpaqueSecrets.wellFormed(secret, OpaqueSecrets.API_TOKEN)) {
            return refuse(request, response, context, false, "The API token is malformed.");
        }
        Optional<ApiTokenStore.Authenticated> found = apiTokens.authenticate(secret);
        if (found.isEmpty()) {
            return refuse(request, response, context, false, "The API token is unknown, expired or revoked.");
        }
        ApiTokenStore.Authenticated token = found.get();
        // scopes narrow the owner's groups of now: demoting the owner narrows the token at once
        Caller caller = new Caller(token.accountId(), token.username(), Scopes.roles(token.groups(), token.scopes()), Caller.TOKEN,
                token.tokenId(), null, token.createdAt(), token.expiresAt(), Scopes.shown(token.groups(), token.scopes()),
                token.scopes().isPresent());
        return accept(caller, new CallerPrincipal(caller.username()), request, context);
    }

    /**
     * A token verified before (byte for byte) needs only its expiry and the revocation state checked,
     * from memory; any other is verified first.
     */
    private AuthenticationStatus bearer(String jwt, HttpServletRequest request, HttpServletResponse response,
                                        HttpMessageContext context) {
        Instant now = Instant.now();
        VerifiedBearers.Verified known = jwt == null ? null : verified.get(jwt, now.getEpochSecond(), jwtSettings.clockSkewSeconds());
        if (known == null) {
            JwtVerifier.Verification verification = jwtVerifier.verify(jwt, now);
            if (!verification.verified()) {
                return refuse(request, response, context, true, verification.refusal());
            }
            known = verified.put(jwt, verification.principal(), now.getEpochSecond());
        }
        if (revocation.refuses(known.accountId(), known.sessionId(), known.issuedAt())) {
            return refuse(request, response, context, true, "The bearer token has been revoked.");
        }
        // no more than the account has now: a demoted administrator's token loses admin at once
        List<String> groups = revocation.effectiveGroups(known.accountId(), known.principal().getGroups());
        // a login by password: all of the account's rights
        Caller caller = new Caller(known.accountId(), known.principal().getName(), groups, Caller.JWT, null,
                known.sessionId(), Instant.ofEpochSecond(known.issuedAt()), Instant.ofEpochSecond(known.expiresAt()),
                Scopes.shown(groups, Optional.empty()), false);
        return accept(caller, known.principal(), request, context);
    }

    /** A removed key must stop verifying at once, tokens verified before with it included. */
    void onKeysChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SigningKeysChanged changed) {
        verified.clear();
    }

    private static AuthenticationStatus accept(Caller caller, java.security.Principal principal, HttpServletRequest request,
                                               HttpMessageContext context) {
        request.setAttribute(Caller.ATTRIBUTE, caller);
        return context.notifyContainerAboutLogin(principal, new HashSet<>(caller.groups()));
    }

    /** Writes the 401 problem, with both challenges, and ends the request. */
    private AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context,
                                        boolean bearer, String detail) {
        response.setHeader("WWW-Authenticate", Challenges.both(bearer ? "invalid_token" : null));
        return reject(request, response, context, Problem.of(401, detail));
    }

    /**
     * Writes the problem, with the CORS grant a browser needs to read it, and ends the request: the
     * answer is complete here, and {@link RefusedRequests}, the first filter, stops the request before
     * anything else runs. The container is told nothing (not {@code SEND_FAILURE}): what each server
     * does with a failure differs, and none of it is wanted after a complete answer. Open Liberty goes
     * on to the resource anyway; WildFly sends an error of its own, which fails on the committed
     * answer (ERROR UT005023, "UT010019: Response already commited", with a stack trace that any
     * client could cause at will).
     */
    private AuthenticationStatus reject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context,
                                        Problem problem) {
        request.setAttribute(RefusedRequests.REFUSED, problem.status());
        // Jakarta Authentication's servlet profile: the authentication type is ours, not the container's default. Open
        // Liberty otherwise takes BASIC and, for its audit record, parses an "Authorization: Basic ..." header itself,
        // failing on a malformed one with an exception, an error page and ERROR lines that any client could cause.
        context.getMessageInfo().getMap().put(AUTH_TYPE, AUTH_TYPE_VALUE);
        try {
            crossOrigin.grant(request, response);
            ErrorPageServlet.write(response, problem);
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return context.doNothing();
    }
}
