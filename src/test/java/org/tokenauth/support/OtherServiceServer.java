package org.tokenauth.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Payara Micro running another service's WAR beside token-auth's servers, as its owner would run it:
 * none of token-auth's boot commands, data source or {@code TOKENAUTH_*} settings, only the
 * configuration given here (MicroProfile Config keys, passed as environment variables).
 */
public class OtherServiceServer extends PayaraMicroServer {

    private final WebArchive war;
    private final String readinessCheck;

    /**
     * @param name           also the server's folder under {@code target/it}
     * @param war            the service, deployed at context root {@code /}
     * @param readinessCheck the name of the service's own readiness check: the server is ready once
     *                       {@code /health/ready} lists it
     */
    public OtherServiceServer(String name, Map<String, String> configuration, WebArchive war, String readinessCheck) {
        super(TestServers.kind() + "-" + name, configuration);
        this.war = war;
        this.readinessCheck = readinessCheck;
    }

    @Override
    protected Path deployment() throws IOException {
        Path file = dir.resolve(war.getName());
        Files.createDirectories(dir);
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    @Override
    protected List<String> serverConfiguration() {
        return List.of();
    }

    @Override
    protected String readinessCheck() {
        return readinessCheck;
    }

    @Override
    protected Map<String, String> environment() {
        Map<String, String> environment = new java.util.LinkedHashMap<>(super.environment());
        environment.keySet().removeIf(key -> key.startsWith("TOKENAUTH_"));
        return environment;
    }
}
