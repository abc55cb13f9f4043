package org.tokenauth.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The servers of the integration tests. Test classes that ask for the same configuration share one
 * server for the whole run (a server start costs 15-60 s on two cores); every server is stopped when
 * the test JVM ends.
 *
 * <p>System properties (set by the pom's failsafe configuration and profiles):
 * {@code tokenauth.it.server} the kind of server: {@code payara} (the default), {@code wildfly} or
 * {@code liberty}; {@code tokenauth.it.one-server} true: at most one server runs at a time, starting one
 * stops the others (the pom's WildFly and Open Liberty runs group the test classes by server, so that
 * this costs no extra start); {@code tokenauth.it.db}
 * {@code h2} (default) or {@code postgresql}, with {@code tokenauth.it.pg.url}, {@code .user} and
 * {@code .password}: each server then gets a schema of its own in that database;
 * {@code tokenauth.it.dir} where the servers' folders go.
 */
public final class TestServers {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    /** The one origin that {@link #WITH_ALLOWED_ORIGIN} lets browsers call the API from. */
    public static final String ALLOWED_ORIGIN = "http://client.test:9000";

    /**
     * The configuration of the hardening tests (CORS, security headers, throttling, hostile input,
     * administration): the defaults and one allowed origin. One constant, so that those classes
     * share one server.
     */
    public static final Map<String, String> WITH_ALLOWED_ORIGIN = Map.of("tokenauth.cors.allowed-origins", ALLOWED_ORIGIN);

    private static final Map<String, TestServer> SHARED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SHARED.values().forEach(TestServer::stop), "stop test servers"));
    }

    private TestServers() {
    }

    /** The server with the default configuration, started at the first call. */
    public static TestServer shared() {
        return shared(Map.of());
    }

    /** The server with this configuration on top of the defaults, shared by whoever asks for the same. */
    public static TestServer shared(Map<String, String> configuration) {
        String name = kind() + (configuration.isEmpty() ? "-default" : "-" + Integer.toHexString(new TreeMap<>(configuration).hashCode()));
        TestServer server = SHARED.computeIfAbsent(name, n -> create(n, configuration));
        server.start();
        return server;
    }

    /**
     * A server of its own, not started: for a test that stops, restarts or kills it. The caller
     * stops it; it is stopped at the end of the run in any case.
     */
    public static TestServer dedicated(String name, Map<String, String> configuration) {
        TestServer server = create(kind() + "-" + name, configuration);
        SHARED.put(server.name, server);
        return server;
    }

    private static TestServer create(String name, Map<String, String> configuration) {
        return switch (kind()) {
            case "payara" -> new PayaraMicroServer(name, configuration);
            case "wildfly" -> new WildFlyServer(name, configuration);
            case "liberty" -> new OpenLibertyServer(name, configuration);
            default -> throw new IllegalStateException("unknown tokenauth.it.server " + kind());
        };
    }

    /** Before {@code starting} starts: with {@code tokenauth.it.one-server}, the other servers stop. */
    static void makeRoomFor(TestServer starting) {
        if (Boolean.getBoolean("tokenauth.it.one-server")) {
            SHARED.values().stream().filter(server -> server != starting).forEach(TestServer::stop);
        }
    }

    public static String kind() {
        return System.getProperty("tokenauth.it.server", "payara");
    }

    public static boolean onPostgreSql() {
        return "postgresql".equals(System.getProperty("tokenauth.it.db", "h2"));
    }

    /** The {@code TOKENAUTH_DB_*} environment of a server: nothing on H2, its own schema on PostgreSQL. */
    static Map<String, String> database(String serverName) {
        if (!onPostgreSql()) {
            return Map.of();
        }
        String schema = serverName.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(java.util.Locale.ROOT);
        String url = System.getProperty("tokenauth.it.pg.url");
        String user = System.getProperty("tokenauth.it.pg.user", "tokenauth");
        String password = System.getProperty("tokenauth.it.pg.password", "tokenauth");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the schema " + schema + " in " + url, e);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TOKENAUTH_DB_DATASOURCE_CLASS", "org.postgresql.ds.PGSimpleDataSource");
        environment.put("TOKENAUTH_DB_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        environment.put("TOKENAUTH_DB_USER", user);
        environment.put("TOKENAUTH_DB_PASSWORD", password);
        return environment;
    }

    static Path project() {
        return Path.of("").toAbsolutePath();
    }

    static Path root() {
        return Path.of(System.getProperty("tokenauth.it.dir", "target/it")).toAbsolutePath();
    }

    static Path war() {
        Path war = project().resolve("target/token-auth.war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: run the integration tests with mvn verify");
        }
        return war;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** For a log line or a message: the configuration as key=value pairs. */
    static String describe(Map<String, String> configuration) {
        return configuration.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    static List<TestServer> running() {
        return List.copyOf(SHARED.values());
    }
}
