package io.jwtgate.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Two nodes on one new schema of a real database server, as the several-nodes findings tests set
 * them up: node B runs in the container under test, node A in the other one (Jetty and Tomcat),
 * each with its own data and work directories; the seeded users ({@link Seed}) are stored through
 * node A's settings before either starts. Node B may reach the store through a {@link TcpProxy};
 * either node may run on an injected clock. Closing ends the nodes, then the proxy and the schema.
 */
public final class TwoNodes implements AutoCloseable {

    private final RealDatabase.Schema schema;
    private final String url;
    private final TcpProxy proxy;
    private final Container.Running nodeA;
    private final Container.Running nodeB;

    private TwoNodes(RealDatabase.Schema schema, String url, TcpProxy proxy, Container.Running nodeA,
            Container.Running nodeB) {
        this.schema = schema;
        this.url = url;
        this.proxy = proxy;
        this.nodeA = nodeA;
        this.nodeB = nodeB;
    }

    /** Starts setting up node B in {@code container} and node A in the other one, on {@code server}. */
    public static Setup of(Container container, RealDatabase server, Path dir) {
        return new Setup(container, server, dir);
    }

    /** Node A, in the other container, always straight on the store. */
    public Http a() {
        return nodeA.http();
    }

    /** Node B, in the container under test. */
    public Http b() {
        return nodeB.http();
    }

    /** The schema's URL with its user, straight to the server (the test's own statements). */
    public String url() {
        return url;
    }

    /** The proxy in front of node B's store; only after {@link Setup#nodeBBehindProxy()}. */
    public TcpProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("node B is not behind a proxy");
        }
        return proxy;
    }

    @Override
    public void close() throws IOException, SQLException {
        try {
            if (proxy != null) {
                // Ends a silence with resets before the nodes close: closing a node whose refresh
                // hangs on a silent MariaDB connection waits for ever (Hikari's abort blocks on the
                // socket the hung read holds), which would hang the test itself.
                proxy.restore();
            }
            try {
                nodeB.close();
            } finally {
                nodeA.close();
            }
        } finally {
            try {
                if (proxy != null) {
                    proxy.close();
                }
            } finally {
                schema.close();
            }
        }
    }

    /** What the two nodes share and how node B differs. */
    public static final class Setup {

        private final Container container;
        private final RealDatabase server;
        private final Path dir;
        private Consumer<Map<String, String>> params = p -> { };
        private boolean behindProxy;
        private Clock clockA;
        private Clock clockB;

        private Setup(Container container, RealDatabase server, Path dir) {
            this.container = container;
            this.server = server;
            this.dir = dir;
        }

        /** Context parameters of both nodes, on top of {@link TestSettings#params} and the store's URL. */
        public Setup params(Consumer<Map<String, String>> common) {
            this.params = common;
            return this;
        }

        /** Node B reaches the store through a {@link TcpProxy} the test can cut or silence. */
        public Setup nodeBBehindProxy() {
            this.behindProxy = true;
            return this;
        }

        /** Node A runs on {@code clock} (the {@code io.jwtgate.clock} attribute). */
        public Setup clockA(Clock clock) {
            this.clockA = clock;
            return this;
        }

        /** Node B runs on {@code clock} (the {@code io.jwtgate.clock} attribute). */
        public Setup clockB(Clock clock) {
            this.clockB = clock;
            return this;
        }

        /** Creates the schema (and proxy), seeds the users, and starts node A, then node B. */
        public TwoNodes start() throws Exception {
            RealDatabase.Schema schema = server.create();
            TcpProxy proxy = null;
            Container.Running nodeA = null;
            try {
                String url = TestDatabase.withUser(schema);
                String urlB = url;
                if (behindProxy) {
                    int port = server == RealDatabase.POSTGRESQL ? 5432 : 3306;
                    proxy = new TcpProxy("127.0.0.1", port);
                    urlB = url.replace(":" + port + "/", ":" + proxy.port() + "/");
                }
                Map<String, String> paramsA = node(url, "a");
                Map<String, String> paramsB = node(urlB, "b");
                Seed.users(paramsA);
                Container other = container == Container.JETTY ? Container.TOMCAT : Container.JETTY;
                nodeA = other.start(paramsA, Files.createTempDirectory(dir, "wa"), clockAttribute(clockA));
                Container.Running nodeB = container.start(paramsB, Files.createTempDirectory(dir, "wb"),
                        clockAttribute(clockB));
                return new TwoNodes(schema, url, proxy, nodeA, nodeB);
            } catch (Exception | Error e) {
                // Whatever started is ended; the failure that stopped the start is the one reported.
                for (AutoCloseable started : new AutoCloseable[] {nodeA, proxy, schema}) {
                    try {
                        if (started != null) {
                            started.close();
                        }
                    } catch (Exception closing) {
                        e.addSuppressed(closing);
                    }
                }
                throw e;
            }
        }

        private static Map<String, Object> clockAttribute(Clock clock) {
            return clock == null ? Map.of() : Map.of("io.jwtgate.clock", clock);
        }

        private Map<String, String> node(String url, String name) throws Exception {
            Map<String, String> p = TestSettings.params(Files.createTempDirectory(dir, name));
            p.put("jwtgate.jdbc.url", url);
            params.accept(p);
            return p;
        }
    }
}
