package org.tokenauth.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one way an in-container test deploys: the WAR that {@code mvn package} built, exactly as it
 * ships, at context root {@code /}, with the test class added. Black-box tests need no deployment
 * of their own: they run against {@link TestServers}.
 */
public final class Deployments {

    private Deployments() {
    }

    /** The built WAR with a test class that runs inside it, the HTTP client it calls the server with, and the problem assertions. */
    public static WebArchive inContainer(Class<?>... testClasses) {
        File built = new File("target/token-auth.war");
        if (!built.isFile()) {
            throw new IllegalStateException("target/token-auth.war is missing: run the tests with mvn verify");
        }
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(built).as(WebArchive.class)
                .addClasses(testClasses).addClasses(Api.class, Api.Reply.class, AccountsClient.class, ApiTokensClient.class,
                        JwtClient.class, AdminClient.class, OperationsClient.class, Problems.class);
    }
}
