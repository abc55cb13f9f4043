package org.tokenauth;

import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The JAX-RS root: everything under {@code /api}. Authentication is the application's own
 * ({@link org.tokenauth.security.boundary.CredentialMechanism}), and so is the enforcement of roles
 * ({@link org.tokenauth.security.boundary.RolesEnforcement}); no server's JWT support is involved.
 *
 * <p>The data source takes its URL and credentials from MicroProfile Config, so the same WAR runs on
 * the embedded H2 default (see {@link org.tokenauth.platform.DerivedDefaults}) or on PostgreSQL.
 */
@ApplicationScoped
@ApplicationPath("/api")
@DeclareRoles({"user", "admin"})
@DataSourceDefinition(
        name = "java:app/jdbc/tokenauth",
        className = "${MPCONFIG=tokenauth.db.datasource-class}",
        url = "${MPCONFIG=tokenauth.db.url}",
        user = "${MPCONFIG=tokenauth.db.user}",
        password = "${MPCONFIG=tokenauth.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32)
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
