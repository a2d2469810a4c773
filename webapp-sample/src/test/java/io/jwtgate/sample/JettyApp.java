package io.jwtgate.sample;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A started embedded Jetty 12 serving one web application, whichever Jetty environment deployed it.
 * It names only Jetty's core server, which ee10 and ee8 share, so the javax build runs this class
 * as rewritten and only {@code JettyDeployment} (the environment's {@code WebAppContext}) differs.
 */
final class JettyApp implements RunningApp {

    private final Server server;
    private final ServerConnector connector;
    private final BooleanSupplier available;
    private final Supplier<Throwable> failure;
    private final Supplier<ServletContext> context;

    private JettyApp(ServerConnector connector, BooleanSupplier available, Supplier<Throwable> failure,
            Supplier<ServletContext> context) {
        this.server = connector.getServer();
        this.connector = connector;
        this.available = available;
        this.failure = failure;
        this.context = context;
    }

    /** A server with one connector on {@code host} and {@code port} (0: any free port), not started. */
    static ServerConnector connector(String host, int port) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        // Jetty's per-connection header cache otherwise hands a request whose Authorization value
        // differs from the previous one's only in letter case the previous value (decision 641).
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                .setHeaderCacheCaseSensitive(true);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        return connector;
    }

    /**
     * Starts the connector's server, whose handler the caller has set, and describes the application
     * through the environment's own context.
     */
    static RunningApp start(ServerConnector connector, BooleanSupplier available, Supplier<Throwable> failure,
            Supplier<ServletContext> context) throws Exception {
        Server server = connector.getServer();
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new JettyApp(connector, available, failure, context);
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean available() {
        return available.getAsBoolean();
    }

    @Override
    public Optional<Throwable> startupFailure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public ServletContext servletContext() {
        return context.get();
    }

    @Override
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
