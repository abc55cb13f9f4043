package org.tokenauth.security.boundary;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.util.Set;
import org.tokenauth.accounts.control.Caller;

/**
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on every resource method, enforced
 * by the application against the caller that {@link CredentialMechanism} authenticated: the same on
 * every server (one of them enforces nothing on CDI resources by itself). The method's annotation
 * wins over its class's; a method with neither is denied. Anonymous and not allowed: 401; allowed
 * roles missing: 403.
 */
@Provider
public class RolesEnforcement implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Rule rule = Rule.of(resource.getResourceMethod());
        context.register(new Check(rule != null ? rule : Rule.of(resource.getResourceClass())));
    }

    /** Who may call: everyone, or whoever has one of {@code roles} (none: no one). */
    record Rule(boolean permitAll, Set<String> roles) {

        /** The rule the element declares, or null when it declares none. */
        static Rule of(AnnotatedElement element) {
            if (element.isAnnotationPresent(DenyAll.class)) {
                return new Rule(false, Set.of());
            }
            if (element.isAnnotationPresent(PermitAll.class)) {
                return new Rule(true, Set.of());
            }
            RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
            return roles == null ? null : new Rule(false, Set.of(roles.value()));
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    static final class Check implements ContainerRequestFilter {

        private final Rule rule;

        /** @param rule null: the method and its class declare nothing, so no one may call it */
        Check(Rule rule) {
            this.rule = rule != null ? rule : new Rule(false, Set.of());
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (rule.permitAll()) {
                return;
            }
            // in a servlet container, the request's properties are its servlet attributes
            if (!(request.getProperty(Caller.ATTRIBUTE) instanceof Caller caller)) {
                throw new NotAuthorizedException("Bearer");
            }
            if (caller.groups().stream().noneMatch(rule.roles()::contains)) {
                throw new ForbiddenException();
            }
        }
    }
}
