package org.tokenauth.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Payara Micro, started as the README's run command starts it: the jar Maven copied into
 * {@code target/}, the WAR at context root {@code /}, the boot commands of
 * {@code server-config/payara-micro/}, no data grid, and a fresh Payara root folder each start (a
 * reused one redeploys and flaps for seconds).
 */
public class PayaraMicroServer extends TestServer {

    /**
     * A console line of Payara Micro, once its colours are taken out: {@code [time] [] [INFO] []
     * [logger] [tid: …] [timeMillis: …] [levelValue: 800] message}.
     */
    private static final Pattern CONSOLE_LINE = Pattern.compile(
            "^\\[[^\\]]*] \\[[^\\]]*] \\[[^\\]]*] \\[[^\\]]*] \\[([^\\]]*)] .*?\\[levelValue: \\d+] (.*)$");

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

    /**
     * A node of a cluster, started as the README's cluster command starts it: the single-node command
     * without {@code --nohazelcast}, plus Payara Micro's cluster flags (a TCP/IP member list of
     * {@code nodes} ports on loopback from {@code firstGridPort}, no host-aware partitioning, since all
     * are on one host) and Hazelcast bound to that interface only.
     */
    static PayaraMicroServer clusterNode(String name, Map<String, String> configuration, String clusterName, int firstGridPort,
                                         int nodes) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            members.add("127.0.0.1:" + (firstGridPort + i));
        }
        List<String> flags = List.of("--clustername", clusterName, "--clustermode", "tcpip:" + String.join(",", members),
                "--interfaces", "127.0.0.1", "--startport", Integer.toString(firstGridPort), "--nohostaware");
        return new PayaraMicroServer(name, configuration, flags) {
            @Override
            protected List<String> jvmOptions() {
                return List.of("-Dhazelcast.socket.bind.any=false");
            }
        };
    }

    @Override
    protected List<String> command(int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(TestServers.java(),
                // C1 only and the serial GC start a short-lived test server about a fifth faster
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // the JDK's certificate authorities, as the run command gives them
                "-Djavax.net.ssl.trustStore=" + TestServers.project().resolve("target/cacerts")));
        command.addAll(jvmOptions());
        command.addAll(List.of("-jar", TestServers.project().resolve("target/payara-micro.jar").toString(),
                "--deploy", deployment().toString(), "--contextroot", "/", "--port", Integer.toString(port)));
        command.addAll(serverConfiguration());
        command.addAll(List.of("--rootdir", dir.resolve("payara-root-" + (++starts)).toString()));
        command.addAll(extraArguments);
        return command;
    }

    /** The WAR deployed at context root {@code /}: token-auth's, as {@code mvn package} built it. */
    protected Path deployment() throws IOException {
        return TestServers.war();
    }

    /**
     * The Payara Micro options that set the server up for the WAR: token-auth's boot commands (the HTTP
     * listener's limits, the data source) and the PostgreSQL driver.
     */
    protected List<String> serverConfiguration() {
        return List.of(
                "--prebootcommandfile", TestServers.project().resolve("server-config/payara-micro/pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", TestServers.project().resolve("server-config/payara-micro/post-boot-commands.asadmin").toString(),
                "--addlibs", TestServers.project().resolve("target/lib/postgresql.jar").toString());
    }

    /** System properties before {@code -jar} (Payara Micro refuses them after its own options). */
    protected List<String> jvmOptions() {
        return List.of();
    }

    @Override
    public List<String> logMessages(String logger) {
        return messagesOf(logLines(), CONSOLE_LINE, logger);
    }

    Path root() {
        return dir;
    }
}
