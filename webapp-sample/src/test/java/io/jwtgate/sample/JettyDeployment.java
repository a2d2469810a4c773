package io.jwtgate.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Deploys a web application in embedded Jetty 12 with the Jakarta EE 10 environment. The only
 * class of the suite that names a Jetty environment: the javax build of the suite replaces it
 * with its ee8 counterpart and keeps everything else.
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
        Path temp = Files.createDirectories(workDir.resolve("jetty"));
        webapp.setTempDirectory(temp.toFile());
        contextParams.forEach(webapp::setInitParameter);
        server.setHandler(webapp);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new JettyApp(server, connector, webapp);
    }

    private static final class JettyApp implements RunningApp {
        private final Server server;
        private final ServerConnector connector;
        private final WebAppContext webapp;

        JettyApp(Server server, ServerConnector connector, WebAppContext webapp) {
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
        public jakarta.servlet.ServletContext servletContext() {
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
