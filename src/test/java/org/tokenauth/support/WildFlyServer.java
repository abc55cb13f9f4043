package org.tokenauth.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * WildFly, prepared and started as the README says: {@code server-config/wildfly/setup.cli} applied
 * once to the runtime that Maven unpacked from {@code org.wildfly:wildfly-dist} into {@code target/}
 * ({@code tokenauth.it.wildfly.home}), the WAR as {@code standalone/deployments/ROOT.war}, and
 * {@code bin/standalone.sh -c standalone-microprofile.xml} with {@code TOKENAUTH_*} and {@code PORT} in
 * the environment.
 *
 * <p>One unpacked runtime serves every test server: each has a copy of the configured
 * {@code standalone} folder of its own ({@code -Djboss.server.base.dir}), kept across a restart, and a
 * management port of its own. Both ports are on 127.0.0.1, WildFly's default.
 */
public class WildFlyServer extends TestServer {

    /** A console line once its colours are taken out: {@code 06:05:07,014 INFO  [logger] (thread) message}. */
    private static final Pattern CONSOLE_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d,\\d{3} +\\S+ +\\[([^\\]]+)] \\([^)]*\\) (.*)$");
    /** In the runtime: the SHA-256 of the setup.cli that was applied to it. */
    private static final String SETUP_MARKER = ".tokenauth-setup.cli.sha256";

    public WildFlyServer(String name, Map<String, String> configuration) {
        super(name, configuration);
    }

    static Path home() {
        String home = System.getProperty("tokenauth.it.wildfly.home");
        if (home == null || !Files.isDirectory(Path.of(home, "bin"))) {
            throw new IllegalStateException("no unpacked WildFly at tokenauth.it.wildfly.home=" + home + ": run the tests with mvn verify -Pwildfly");
        }
        return Path.of(home);
    }

    private Path baseDir() {
        return dir.resolve("standalone");
    }

    @Override
    protected void prepare() throws IOException {
        Path home = home();
        applySetupOnce(home);
        if (!Files.isDirectory(baseDir())) {
            copyTree(home.resolve("standalone/configuration"), baseDir().resolve("configuration"));
            Files.createDirectories(baseDir().resolve("deployments"));
            Files.copy(TestServers.war(), baseDir().resolve("deployments/ROOT.war"));
        }
    }

    /**
     * Applies setup.cli to the unpacked runtime, unless it was applied already; a runtime configured by
     * another version of setup.cli is refused (the script changes a fresh runtime only).
     */
    static synchronized void applySetupOnce(Path home) throws IOException {
        Path script = TestServers.project().resolve("server-config/wildfly/setup.cli");
        String hash = sha256(Files.readAllBytes(script));
        Path marker = home.resolve(SETUP_MARKER);
        if (Files.exists(marker)) {
            if (Files.readString(marker).strip().equals(hash)) {
                return;
            }
            throw new IllegalStateException(home + " was configured by another version of " + script
                    + ": delete it (mvn clean) so that Maven unpacks a fresh one");
        }
        Path log = TestServers.root().resolve("wildfly-setup.log");
        Files.createDirectories(log.getParent());
        List<String> command = List.of(home.resolve("bin/jboss-cli.sh").toString(),
                "-Dtokenauth.postgresql.jar=" + driver("postgresql"), "--file=" + script);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process cli = builder.start();
        try {
            if (!cli.waitFor(5, TimeUnit.MINUTES)) {
                cli.destroyForcibly();
                throw new IllegalStateException("setup.cli did not finish within 5 minutes; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (cli.exitValue() != 0) {
            throw new IllegalStateException("setup.cli failed (" + cli.exitValue() + "):\n" + Files.readString(log));
        }
        Files.writeString(marker, hash);
    }

    /** The driver jar that Maven copied into {@code tokenauth.it.drivers}. */
    static Path driver(String stem) throws IOException {
        Path drivers = Path.of(System.getProperty("tokenauth.it.drivers", "target/server-drivers"));
        try (var jars = Files.list(drivers)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith(stem + "-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + stem + " jar in " + drivers)).toAbsolutePath();
        }
    }

    @Override
    protected List<String> command(int port) throws IOException {
        return List.of(home().resolve("bin/standalone.sh").toString(), "-c", "standalone-microprofile.xml",
                "-Djboss.server.base.dir=" + baseDir(), "-Djboss.management.http.port=" + freePort());
    }

    @Override
    protected Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(super.environment());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        // the script then passes SIGTERM on to the server (in the foreground it does not)
        environment.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        // standalone.conf's heap, plus C1 only and the serial GC, which start a short-lived test server faster
        environment.put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        return environment;
    }

    /** WFLYSRV0026: started with errors (WildFly keeps running when a deployment fails). */
    @Override
    protected boolean startFailed(List<String> logLines) {
        return logLines.stream().anyMatch(line -> line.contains("WFLYSRV0026"));
    }

    @Override
    public boolean servesMetrics() {
        return false;
    }

    @Override
    public boolean keepsTabsInHeaderValues() {
        return false;
    }

    @Override
    public List<String> logMessages(String logger) {
        return messagesOf(logLines(), CONSOLE_LINE, logger);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
