package ea.neo4jserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A real Neo4j 5.26 community DBMS, embedded, with Bolt on 127.0.0.1 and auth enabled.
 *
 * <p>Usage: {@code TestServer --port PORT --home DIR}. Credentials come from the environment:
 * {@code NEO4J_TEST_USER} (default {@code neo4j}) and {@code NEO4J_TEST_PASSWORD} (default
 * {@code ea-test-password}). If {@code NEO4J_TEST_WATCH_PID} is set, the server shuts itself down
 * when that process is gone (so a killed test run does not leave a server behind).
 *
 * <p>Prints exactly one line {@code NEO4J READY bolt://127.0.0.1:PORT} on stdout once Bolt accepts
 * connections with the configured credentials; stops cleanly on SIGTERM / SIGINT.
 */
public final class TestServer {
    static final String READY_PREFIX = "NEO4J READY ";

    private TestServer() {}

    public static void main(String[] args) throws Exception {
        int port = -1;
        Path home = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else if (a.equals("--home") && i + 1 < args.length) {
                home = Path.of(args[++i]);
            } else {
                usage("unknown argument: " + a);
            }
        }
        if (port <= 0 || port > 65535 || home == null) {
            usage("--port and --home are required");
        }
        String user = env("NEO4J_TEST_USER", "neo4j");
        String password = env("NEO4J_TEST_PASSWORD", "ea-test-password");
        if (password.length() < 8) {
            usage("NEO4J_TEST_PASSWORD must have at least 8 characters (Neo4j's minimum)");
        }

        try {
            run(port, home, user, password);
        } catch (Throwable e) {
            // Neo4j leaves non-daemon threads behind on a failed start; do not hang the caller.
            System.err.println("neo4j-test-server: failed to start");
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(int port, Path home, String user, String password) throws Exception {
        Files.createDirectories(home);
        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home.toAbsolutePath())
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                // No internet on CI: never try to phone home.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                // Modest footprint: tests use small graphs; CI runs other things too.
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                // Bolt otherwise waits 5 s twice on shutdown; a test server has nothing to drain.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("neo4j-test-server: shutting down");
            try {
                dbms.shutdown();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
            stopped.countDown();
            System.err.println("neo4j-test-server: stopped");
        }, "neo4j-test-server-shutdown"));

        System.err.printf("neo4j-test-server: DBMS up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        setCredentials(dbms, user, password);
        waitForBolt(port, Duration.ofSeconds(60));

        System.err.printf("neo4j-test-server: started in %.1f s (home %s)%n",
                (System.nanoTime() - t0) / 1e9, home.toAbsolutePath());
        System.out.println(READY_PREFIX + "bolt://127.0.0.1:" + port);
        System.out.flush();

        String watch = System.getenv("NEO4J_TEST_WATCH_PID");
        if (watch != null && !watch.isBlank()) {
            long pid = Long.parseLong(watch.trim());
            while (!stopped.await(2, TimeUnit.SECONDS)) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                System.err.println("neo4j-test-server: watched process " + pid + " is gone; exiting");
                System.exit(0); // runs the shutdown hook
            }
        }
        stopped.await();
    }

    /**
     * Sets the password of the login user, creating it unless it is the built-in {@code neo4j}. The
     * embedded API runs with full rights; Bolt clients must then log in like on any real server.
     */
    private static void setCredentials(DatabaseManagementService dbms, String user, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        Map<String, Object> params = Map.of("user", user, "password", password);
        String query = user.equals("neo4j")
                ? "ALTER USER $user SET PASSWORD $password CHANGE NOT REQUIRED"
                : "CREATE OR REPLACE USER $user SET PASSWORD $password CHANGE NOT REQUIRED";
        system.executeTransactionally(query, params);
    }

    private static void waitForBolt(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Bolt did not accept connections on port " + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    private static void usage(String why) {
        System.err.println("neo4j-test-server: " + why);
        System.err.println("usage: TestServer --port PORT --home DIR"
                + "  (env NEO4J_TEST_USER, NEO4J_TEST_PASSWORD, NEO4J_TEST_WATCH_PID)");
        System.exit(2);
    }
}
