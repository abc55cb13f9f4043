package org.tokenauth.support;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one way integration tests deploy: the WAR that {@code mvn package} built, exactly as it ships,
 * at context root {@code /}, with optional configuration overrides for the test class.
 */
public final class Deployments {

    private static final String SERVICES = "WEB-INF/classes/META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource";

    private Deployments() {
    }

    public static WebArchive war() {
        return war(Map.of());
    }

    /** The built WAR with a test class that runs inside it, the HTTP client it calls the server with, and the problem assertions. */
    public static WebArchive inContainer(Class<?>... testClasses) {
        return war().addClasses(testClasses).addClasses(Api.class, Api.Reply.class, AccountsClient.class, ApiTokensClient.class,
                JwtClient.class, AdminClient.class, OperationsClient.class, Problems.class);
    }

    /** The built WAR, plus {@code overrides} as a configuration source above the WAR's own properties. */
    public static WebArchive war(Map<String, String> overrides) {
        File built = new File("target/token-auth.war");
        if (!built.isFile()) {
            throw new IllegalStateException("target/token-auth.war is missing: run the tests with mvn verify");
        }
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(built).as(WebArchive.class);
        if (!overrides.isEmpty()) {
            String properties = overrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n"));
            war.addClass(TestOverrides.class);
            war.addAsResource(new StringAsset(properties), TestOverrides.RESOURCE);
            war.delete(SERVICES);
            war.add(new StringAsset("org.tokenauth.platform.DerivedDefaults\n" + TestOverrides.class.getName() + "\n"), SERVICES);
        }
        return war;
    }
}
