package org.tokenauth;

import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The JAX-RS root. It must be a CDI bean: Payara ignores {@code @LoginConfig} otherwise, and then
 * the MP-JWT mechanism that {@link org.tokenauth.security.CredentialMechanism} hands Bearer tokens
 * to is never installed.
 *
 * <p>The data source takes its URL and credentials from MicroProfile Config, so the same WAR runs on
 * the embedded H2 default (see {@link org.tokenauth.platform.DerivedDefaults}) or on PostgreSQL.
 */
@ApplicationScoped
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "token-auth")
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
}
