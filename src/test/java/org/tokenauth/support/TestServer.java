package org.tokenauth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server process running the packaged WAR for the integration tests, the way an operator runs it:
 * configured through {@code TOKENAUTH_*} environment variables and {@code PORT}, with its own data
 * folder (and, on PostgreSQL, its own schema) under {@code target/it/<name>}, and its output in
 * {@code server.log} there. {@link TestServers} decides which are shared; the kind of server (Payara
 * Micro, WildFly, Open Liberty) is a subclass.
 */
public abstract class TestServer {

    private static final Duration STARTUP = Duration.ofSeconds(Long.getLong("tokenauth.it.startup-seconds", 300));

    protected final String name;

    public String name() {
        return name;
    }
    protected final Path dir;
    private final Map<String, String> configuration;
    /** Whose database (on PostgreSQL: whose schema) the server uses: its own, unless it shares one. */
    private String database;
    private boolean ownDatabase = true;
    private Process process;
    private int port;
    private boolean startedBefore;
    private DataSeed seed = dataFolder -> {
    };

    /**
     * @param configuration MicroProfile Config keys and values ({@code tokenauth.jwt.access-ttl=60}),
     *                      given to the server as environment variables
     */
    protected TestServer(String name, Map<String, String> configuration) {
        this.name = name;
        this.dir = TestServers.root().resolve(name);
        this.configuration = Map.copyOf(configuration);
        this.database = name;
    }

    /** The command that starts the server in the foreground, serving HTTP on {@code port}. */
    protected abstract List<String> command(int port) throws IOException;

    /**
     * Data to start from, put in place before the first start (after what an earlier run left was
     * deleted): for a test that starts on the data of an older version, say.
     */
    public TestServer seededWith(DataSeed seed) {
        this.seed = seed;
        return this;
    }

    /** Puts data in the empty data folder (and, on PostgreSQL, into the server's empty schema). */
    @FunctionalInterface
    public interface DataSeed {
        void accept(Path dataFolder) throws IOException;
    }

    /**
     * Uses the database of {@code databaseName} (on PostgreSQL, its schema), which the caller makes
     * ({@link TestServers#freshDatabase}) before the first start, instead of a fresh one of its own:
     * for several nodes of one cluster.
     */
    public TestServer sharingDatabase(String databaseName) {
        this.database = databaseName;
        this.ownDatabase = false;
        return this;
    }

    /** Anything the server needs in place before its first start (an unpacked runtime, say). */
    protected void prepare() throws IOException {
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            if (!startedBefore) {
                // nothing of an earlier run: its data, and Payara's root folder, which would redeploy
                deleteRecursively(dir);
                if (ownDatabase) {
                    TestServers.freshDatabase(name);
                }
                Files.createDirectories(dataFolder());
                seed.accept(dataFolder());
                startedBefore = true;
            }
            TestServers.makeRoomFor(this);
            Files.createDirectories(dir);
            prepare();
            port = freePort();
            ProcessBuilder builder = new ProcessBuilder(command(port)).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            builder.environment().putAll(environment());
            process = builder.start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * A clean stop (SIGTERM), then a forced one if it takes too long; a forced stop ends the processes
     * the server's start script started too.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Ends the process at once with SIGKILL ({@code kill -9}): no shutdown hook, no clean stop of the
     * server, its connections cut by the kernel. {@link #start} starts it again on the same data.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            // on Linux, destroyForcibly is SIGKILL; a start script's server is one of its descendants
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            children.forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Starts these servers at the same time, each from a thread of its own, and returns when all are
     * ready; if one fails, the others are stopped and the first failure is thrown.
     */
    public static void startAll(java.util.Collection<? extends TestServer> servers) {
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (TestServer server : servers) {
            Thread thread = new Thread(() -> {
                try {
                    server.start();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "start " + server.name());
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            servers.forEach(TestServer::stop);
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * Whether a tab in a request header's value reaches the application as a tab. WildFly's HTTP
     * layer (Undertow) turns it into a space first, so that {@code Token<TAB>secret} arrives as a
     * well-formed {@code Token secret}.
     */
    public boolean keepsTabsInHeaderValues() {
        return true;
    }

    /**
     * The largest request (request line, headers and a declared body together) that the server hands
     * to the application; a larger one gets the server's own bare 413. Open Liberty bounds the whole
     * message, since it has no bound for the request head alone (server-config/liberty/server.xml).
     */
    public long messageSizeLimit() {
        return Long.MAX_VALUE;
    }

    /** Whether the server has MicroProfile Metrics at {@code /metrics} (WildFly 39 has none). */
    public boolean servesMetrics() {
        return true;
    }

    /**
     * Whether what the server has printed so far says that it started without the application, so
     * that waiting for it to become ready is pointless (servers that keep running when a deployment
     * fails).
     */
    protected boolean startFailed(List<String> logLines) {
        return false;
    }

    /** Stops and starts again with the same data folder and configuration (most likely on another port). */
    public void restart() {
        stop();
        start();
    }

    public synchronized URL base() {
        try {
            return new URL("http", "127.0.0.1", port, "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Api api() {
        return new Api(base());
    }

    public synchronized int port() {
        return port;
    }

    public Path log() {
        return dir.resolve("server.log");
    }

    private static final java.util.regex.Pattern COLOUR = java.util.regex.Pattern.compile("\u001B\\[[0-9;]*m");

    /**
     * The messages of {@code logger} among log lines, colours taken out: {@code line} matches one line
     * of the server's log format, with the logger as its first group and the message as its second.
     */
    protected static List<String> messagesOf(List<String> lines, java.util.regex.Pattern line, String logger) {
        List<String> messages = new ArrayList<>();
        for (String text : lines) {
            java.util.regex.Matcher m = line.matcher(COLOUR.matcher(text).replaceAll(""));
            if (m.matches() && m.group(1).equals(logger)) {
                messages.add(m.group(2));
            }
        }
        return messages;
    }

    /** What the server has printed so far. */
    public List<String> logLines() {
        try {
            return Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The messages that the java.util.logging logger {@code logger} has printed so far, in order,
     * read from {@link #log()}: each kind of server prints its console lines in a format of its own.
     */
    public abstract List<String> logMessages(String logger);

    /** The WARNING, SEVERE and ERROR lines and the stack traces in what the server has printed. */
    public List<String> warnings() {
        return logLines().stream()
                .filter(line -> line.contains("WARNING") || line.contains("SEVERE") || line.contains("ERROR")
                        || line.startsWith("\tat ") || line.contains("Exception:"))
                .toList();
    }

    public Path dataFolder() {
        return dir.resolve("data");
    }

    /** The environment of the server process: its configuration, the port and the data folder. */
    protected Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PORT", Integer.toString(port));
        environment.put("TOKENAUTH_DATA_DIR", dataFolder().toString());
        environment.put("TOKENAUTH_ADMIN_USERNAME", TestServers.ADMIN);
        environment.put("TOKENAUTH_ADMIN_PASSWORD", TestServers.ADMIN_PASSWORD);
        environment.putAll(TestServers.database(database));
        configuration.forEach((key, value) -> environment.put(variable(key), value));
        return environment;
    }

    /** MicroProfile Config's name for a key in the environment: upper case, every other character {@code _}. */
    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * The name of the deployed application's own readiness check, which {@code /health/ready} lists
     * once the deployment has succeeded: token-auth's, unless the server runs another application.
     */
    protected String readinessCheck() {
        return "token-auth";
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP);
        Api api = api();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            if (startFailed(logLines())) {
                stop();
                throw new IllegalStateException(name + " started without the application:\n" + tail());
            }
            try {
                // the application's own check in the answer: a server whose deployment failed answers health without it
                Api.Reply ready = api.operations().ready();
                if (ready.status() == 200 && ready.body().contains("\"" + readinessCheck() + "\"")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException(name + " was not ready within " + STARTUP.toSeconds() + " s:\n" + tail());
    }

    private String tail() {
        List<String> lines = logLines();
        return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 60), lines.size())));
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A port that nothing listens on now, on the loopback interface. */
    protected static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " on port " + port;
    }
}
