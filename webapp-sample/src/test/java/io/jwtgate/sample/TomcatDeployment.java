package io.jwtgate.sample;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Deploys a web application in embedded Tomcat, scanning only WEB-INF/lib for fragments as a
 * standalone Tomcat does. It uses only API that Tomcat 9 and Tomcat 11 share, so the javax build
 * of the suite runs the same class, rewritten to javax.servlet, in Tomcat 9.
 */
final class TomcatDeployment {

    private TomcatDeployment() {
    }

    static RunningApp deploy(Path app, String host, int port, Map<String, String> contextParams, Path workDir,
            Map<String, Object> attributes) throws Exception {
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
        // Added before start, like <Parameter> in context.xml; web.xml's params join them.
        contextParams.forEach(context::addParameter);
        if (!attributes.isEmpty()) {
            // Initializers run before web.xml's listeners and load-on-startup servlets: JwtGate sees the attributes.
            context.addServletContainerInitializer((classes, servletContext) -> attributes.forEach(
                    servletContext::setAttribute), null);
        }
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            stopQuietly(tomcat);
            throw e;
        }
        return new TomcatApp(tomcat, context);
    }

    private static void stopQuietly(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // The start failure is the interesting one; this would only hide it.
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
