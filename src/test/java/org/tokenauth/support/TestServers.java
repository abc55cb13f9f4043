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

    /**
     * The configuration of the tests that race requests against each other: dozens of password
     * attempts from one address in every round, so the per-address limit is out of their way (its own
     * test has a server of its own). One constant, so that those classes share one server.
     */
    public static final Map<String, String> FOR_RACES = Map.of("tokenauth.throttle.max-failures-per-address", "1000000");

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

    /**
     * The nodes of one cluster, not started (start them with {@link TestServer#startAll}): each its own
     * process, data folder and HTTP port, all in one data grid of a random name on free loopback ports,
     * sharing one database (a fresh schema on PostgreSQL, made here) and one key-encryption key. The
     * caller stops them; they are stopped at the end of the run in any case.
     */
    public static List<TestServer> cluster(String name, int nodes, Map<String, String> configuration) {
        if (!onPostgreSql()) {
            throw new IllegalStateException("a cluster needs a database that several processes share: run with -Pcluster (PostgreSQL)");
        }
        String database = kind() + "-" + name;
        freshDatabase(database);
        Map<String, String> shared = new LinkedHashMap<>(configuration);
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        shared.putIfAbsent("tokenauth.jwt.key-encryption-key", java.util.Base64.getEncoder().encodeToString(key));
        String clusterName = "tokenauth-it-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        int firstGridPort = freePortBlock(nodes);
        List<TestServer> servers = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            String nodeName = database + "-" + (char) ('a' + i);
            TestServer server = switch (kind()) {
                case "payara" -> PayaraMicroServer.clusterNode(nodeName, shared, clusterName, firstGridPort, nodes);
                default -> throw new IllegalStateException("no cluster of " + kind() + " servers");
            };
            server.sharingDatabase(database);
            SHARED.put(server.name, server);
            servers.add(server);
        }
        return servers;
    }

    /** The first of {@code count} consecutive free loopback ports, below the kernel's ephemeral range. */
    private static int freePortBlock(int count) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = 20_000 + random.nextInt(12_000);
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                try (java.net.ServerSocket ignored = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                    // free now; the nodes bind it a moment later
                } catch (java.io.IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found");
    }

    /**
     * A server that the caller made (one running another application's WAR, say), not started: stopped
     * at the end of the run like the others. The caller stops it when it is done with it.
     */
    public static <S extends TestServer> S adopt(S server) {
        if (SHARED.putIfAbsent(server.name, server) != null) {
            throw new IllegalStateException("a server named " + server.name + " exists already");
        }
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
        String url = System.getProperty("tokenauth.it.pg.url");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TOKENAUTH_DB_DATASOURCE_CLASS", "org.postgresql.ds.PGSimpleDataSource");
        environment.put("TOKENAUTH_DB_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema(serverName));
        environment.put("TOKENAUTH_DB_USER", pgUser());
        environment.put("TOKENAUTH_DB_PASSWORD", pgPassword());
        return environment;
    }

    /** On PostgreSQL, an empty schema of this name (a server's, or a cluster's), as if the database were new; nothing on H2. */
    public static void freshDatabase(String serverName) {
        if (!onPostgreSql()) {
            return;
        }
        String schema = schema(serverName);
        try (Connection c = postgreSql(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the schema " + schema, e);
        }
    }

    /** The PostgreSQL schema of the server of this name (for a test that seeds it). */
    public static String schema(String serverName) {
        return serverName.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(java.util.Locale.ROOT);
    }

    /** A connection to the tests' PostgreSQL database, as the servers' user. */
    public static Connection postgreSql() throws SQLException {
        return DriverManager.getConnection(System.getProperty("tokenauth.it.pg.url"), pgUser(), pgPassword());
    }

    private static String pgUser() {
        return System.getProperty("tokenauth.it.pg.user", "tokenauth");
    }

    private static String pgPassword() {
        return System.getProperty("tokenauth.it.pg.password", "tokenauth");
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
