package org.tokenauth.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro, started as the README's run command starts it: the jar Maven copied into
 * {@code target/}, the WAR at context root {@code /}, the boot commands of
 * {@code server-config/payara-micro/}, no data grid, and a fresh Payara root folder each start (a
 * reused one redeploys and flaps for seconds).
 */
public class PayaraMicroServer extends TestServer {

    private final List<String> extraArguments;
    private int starts;

    public PayaraMicroServer(String name, Map<String, String> configuration) {
        this(name, configuration, List.of("--nohazelcast"));
    }

    /** @param extraArguments Payara Micro options instead of {@code --nohazelcast} (cluster flags, say) */
    public PayaraMicroServer(String name, Map<String, String> configuration, List<String> extraArguments) {
        super(name, configuration);
        this.extraArguments = List.copyOf(extraArguments);
    }

    @Override
    protected List<String> command(int port) {
        List<String> command = new ArrayList<>(List.of(TestServers.java(),
                // C1 only and the serial GC start a short-lived test server about a fifth faster
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions());
        command.addAll(List.of("-jar", TestServers.project().resolve("target/payara-micro.jar").toString(),
                "--deploy", TestServers.war().toString(), "--contextroot", "/", "--port", Integer.toString(port),
                "--prebootcommandfile", TestServers.project().resolve("server-config/payara-micro/pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", TestServers.project().resolve("server-config/payara-micro/post-boot-commands.asadmin").toString(),
                "--rootdir", dir.resolve("payara-root-" + (++starts)).toString()));
        command.addAll(extraArguments);
        return command;
    }

    /** System properties before {@code -jar} (Payara Micro refuses them after its own options). */
    protected List<String> jvmOptions() {
        return List.of();
    }

    Path root() {
        return dir;
    }
}
