package io.jwtgate.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.webresources.JarResourceSet;
import org.apache.catalina.webresources.StandardRoot;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The two containers the sample must run in, each able to deploy a WAR file or an exploded
 * directory at the root context with extra context parameters, the way an operator would add
 * them in the container's own configuration.
 */
enum ContainerKind {

    /** Jetty 12 with the Jakarta EE 10 environment. */
    JETTY {
        @Override
        RunningApp deploy(Path app, String host, int port, Map<String, String> contextParams, Path workDir)
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
            webapp.setExtraClasspath(slf4jBinding().toString());
            server.setHandler(webapp);
            try {
                server.start();
            } catch (Exception e) {
                server.stop();
                throw e;
            }
            return new JettyApp(server, connector, webapp);
        }
    },

    /** Tomcat 11, scanning only WEB-INF/lib for fragments as a standalone Tomcat does. */
    TOMCAT {
        @Override
        RunningApp deploy(Path app, String host, int port, Map<String, String> contextParams, Path workDir)
                throws Exception {
            Path base = Files.createDirectories(workDir.resolve("tomcat"));
            Files.createDirectories(base.resolve("webapps"));
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            tomcat.setHostname("localhost");
            tomcat.setPort(port);
            if (host != null) {
                tomcat.getConnector().setProperty("address", host);
            }
            Context context = tomcat.addWebapp("", app.toAbsolutePath().toString());
            // The test class path holds the jwtgate jar too; a real Tomcat would never see it,
            // and scanning it would register the fragment a second time.
            ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
            WebResourceRoot resources = new StandardRoot(context);
            resources.addJarResources(new JarResourceSet(resources, "/WEB-INF/classes", slf4jBinding().toString(), "/"));
            context.setResources(resources);
            // Added before start, like <Parameter> in context.xml; web.xml's params join them.
            contextParams.forEach(context::addParameter);
            try {
                tomcat.start();
            } catch (LifecycleException e) {
                stopQuietly(tomcat);
                throw e;
            }
            return new TomcatApp(tomcat, context);
        }
    };

    /**
     * @param app a WAR file or an exploded web application directory
     * @param host the address to bind, e.g. {@code 127.0.0.1}; null for every interface
     * @param port 0 for any free port
     * @param workDir a private directory for the container's temporary files
     */
    abstract RunningApp deploy(Path app, String host, int port, Map<String, String> contextParams, Path workDir)
            throws Exception;

    /** Deploys on a free loopback port, as the tests do. */
    RunningApp deploy(Path app, Map<String, String> contextParams, Path workDir) throws Exception {
        return deploy(app, "127.0.0.1", 0, contextParams, workDir);
    }

    /**
     * The test class path's SLF4J-to-JUL binding, added to the deployed application the way an
     * operator adds a logging jar to the container: the WAR ships slf4j-api without a binding, and
     * its class loader, which loads slf4j-api from WEB-INF/lib, cannot use the test class path's
     * copy, so HikariCP's lines inside the application would otherwise be dropped before the log
     * audit could read them.
     */
    private static Path slf4jBinding() {
        try {
            return Path.of(org.slf4j.jul.JULServiceProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stopQuietly(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // The start failure is the interesting one; this would only hide it.
        }
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

    private static final class TomcatApp implements RunningApp {
        private final Tomcat tomcat;
        private final Context context;

        TomcatApp(Tomcat tomcat, Context context) {
            this.tomcat = tomcat;
            this.context = context;
        }

        @Override
        public int port() {
            return tomcat.getConnector().getLocalPort();
        }

        @Override
        public InetSocketAddress localAddress() {
            // Tomcat keeps the configured address (null: every interface), which is what it bound.
            Object address = tomcat.getConnector().getProperty("address");
            try {
                InetAddress bound = address instanceof InetAddress ? (InetAddress) address
                        : InetAddress.getByAddress(new byte[4]);
                return new InetSocketAddress(bound, port());
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean available() {
            return context.getState() == LifecycleState.STARTED && context.getState().isAvailable();
        }

        @Override
        public Optional<Throwable> startupFailure() {
            return Optional.empty();
        }

        @Override
        public jakarta.servlet.ServletContext servletContext() {
            return context.getServletContext();
        }

        @Override
        public void join() throws InterruptedException {
            tomcat.getServer().await();
        }

        @Override
        public void close() {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                throw new IllegalStateException("Tomcat did not stop", e);
            }
        }
    }
}
