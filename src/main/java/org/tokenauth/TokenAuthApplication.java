package org.tokenauth;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The JAX-RS root: everything under {@code /api}. Authentication is the application's own
 * ({@link org.tokenauth.security.boundary.CredentialMechanism}), and so is the enforcement of roles
 * ({@link org.tokenauth.security.boundary.RolesEnforcement}); no server's JWT support is involved.
 *
 * <p>The data source is the server's, at {@code jdbc/tokenauth} (see {@code server-config/}): H2 in the
 * data folder by default, PostgreSQL by the same {@code TOKENAUTH_DB_*} settings on every server.
 */
@ApplicationScoped
@ApplicationPath("/api")
@DeclareRoles({"user", "admin"})
public class TokenAuthApplication extends Application {

    /**
     * Jersey (Payara) would otherwise describe every resource, and its own version, in a WADL document
     * at {@code /api/application.wadl} and in answers to {@code OPTIONS}. Other JAX-RS implementations
     * ignore the key.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
