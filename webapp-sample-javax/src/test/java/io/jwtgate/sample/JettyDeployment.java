package io.jwtgate.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee8.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Deploys a web application in embedded Jetty 12 with the Java EE 8 (javax.servlet) environment.
 * It takes the place of webapp-sample's ee10 class of the same name in the rewritten suite: an ee8
 * {@code WebAppContext} is not a Jetty core handler but supplies one, so the server is wired
 * differently and the ee10 bytecode cannot simply be renamed.
 */
final class JettyDeployment {

    private JettyDeployment() {
    }

    static RunningApp deploy(Path app, String host, int port, Map<String, String> contextParams, Path workDir)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(app.toAbsolutePath().toString());
        webapp.setTempDirectory(Files.createDirectories(workDir.resolve("jetty")).toFile());
        contextParams.forEach(webapp::setInitParameter);
        // The ee8 context is a Supplier of its core handler; this overload installs that handler.
        server.setHandler(webapp);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new Ee8App(server, connector, webapp);
    }

    private static final class Ee8App implements RunningApp {
        private final Server server;
        private final ServerConnector connector;
        private final WebAppContext webapp;

        Ee8App(Server server, ServerConnector connector, WebAppContext webapp) {
            this.server = server;
            this.connector = connector;
            this.webapp = webapp;
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
            return webapp.isAvailable();
        }

        @Override
        public Optional<Throwable> startupFailure() {
            return Optional.ofNullable(webapp.getUnavailableException());
        }

        @Override
        public javax.servlet.ServletContext servletContext() {
            return webapp.getServletContext();
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
}
