package org.tokenauth.example.notes;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The JAX-RS root of the notes service. {@code @LoginConfig(authMethod = "MP-JWT")} turns on the
 * server's MicroProfile JWT support; Payara looks for it on CDI beans only, so the class must be a
 * bean ({@code @ApplicationScoped}), or bearer tokens are silently never checked.
 *
 * <p>The roles are groups that a token-auth administrator gives users ({@code PATCH
 * /api/admin/users/{id}}), and that a user can put into a scoped API token.
 */
@ApplicationScoped
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({NotesResource.READ, NotesResource.WRITE})
public class NotesApplication extends Application {
}
