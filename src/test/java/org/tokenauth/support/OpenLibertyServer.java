package org.tokenauth.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Open Liberty, prepared and started as the README says: {@code server-config/liberty/} copied as the
 * server folder {@code servers/tokenauth} of the runtime that Maven unpacked from
 * {@code io.openliberty:openliberty-runtime} into {@code target/} ({@code tokenauth.it.liberty.home}),
 * the WAR as {@code apps/ROOT.war}, the JDBC drivers in {@code lib/}, and {@code bin/server run tokenauth}
 * with {@code TOKENAUTH_*} and {@code PORT} in the environment.
 *
 * <p>One unpacked runtime serves every test server: each has a user folder of its own
 * ({@code WLP_USER_DIR}) holding its server folder, kept across a restart. HTTP on 127.0.0.1 only
 * ({@code TOKENAUTH_HTTP_HOST}); no other port but Liberty's command port, an ephemeral one on
 * loopback.
 */
public class OpenLibertyServer extends TestServer {

    /** A line of messages.log: {@code [date] thread logger  L message}, the logger padded to a column. */
    private static final Pattern MESSAGES_LINE = Pattern.compile("^\\[[^\\]]+] [0-9a-f]+ (\\S+) +[A-Z] (.*)$");

    public OpenLibertyServer(String name, Map<String, String> configuration) {
        super(name, configuration);
    }

    static Path home() {
        String home = System.getProperty("tokenauth.it.liberty.home");
        if (home == null || !Files.isDirectory(Path.of(home, "bin"))) {
            throw new IllegalStateException("no unpacked Open Liberty at tokenauth.it.liberty.home=" + home
                    + ": run the tests with mvn verify -Pliberty");
        }
        return Path.of(home);
    }

    private Path userDir() {
        return dir.resolve("usr");
    }

    private Path serverDir() {
        return userDir().resolve("servers/tokenauth");
    }

    @Override
    protected void prepare() throws IOException {
        if (Files.isDirectory(serverDir())) {
            return;
        }
        WildFlyServer.copyTree(TestServers.project().resolve("server-config/liberty"), serverDir());
        Files.createDirectories(serverDir().resolve("apps"));
        Files.copy(TestServers.war(), serverDir().resolve("apps/ROOT.war"));
        Files.createDirectories(serverDir().resolve("lib"));
        for (String driver : List.of("h2", "postgresql")) {
            Path jar = WildFlyServer.driver(driver);
            Files.copy(jar, serverDir().resolve("lib").resolve(jar.getFileName()));
        }
    }

    @Override
    protected List<String> command(int port) {
        return List.of(home().resolve("bin/server").toString(), "run", "tokenauth");
    }

    @Override
    protected Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(super.environment());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("WLP_USER_DIR", userDir().toString());
        environment.put("TOKENAUTH_HTTP_HOST", "127.0.0.1");
        // on top of the server folder's jvm.options: C1 only and the serial GC start a short-lived test server faster
        environment.put("JVM_ARGS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        return environment;
    }

    /** MessageSizeLimit in server-config/liberty/server.xml. */
    @Override
    public long messageSizeLimit() {
        return 128 * 1024;
    }

    /** CWWKZ0002E: the application failed to start; CWWKZ0012I: it was not started (Liberty keeps running). */
    @Override
    protected boolean startFailed(List<String> logLines) {
        return logLines.stream().anyMatch(line -> line.contains("CWWKZ0002E") || line.contains("CWWKZ0012I"));
    }

    /** From messages.log, which names the logger (the console does not). */
    @Override
    public List<String> logMessages(String logger) {
        Path messages = serverDir().resolve("logs/messages.log");
        try {
            return Files.exists(messages) ? messagesOf(Files.readAllLines(messages), MESSAGES_LINE, logger) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
