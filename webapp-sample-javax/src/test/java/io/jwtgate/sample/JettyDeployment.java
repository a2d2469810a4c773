package io.jwtgate.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee8.webapp.WebAppContext;
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

    static RunningApp deploy(Path app, String host, int port, Map<String, String> contextParams, Path workDir,
            Map<String, Object> attributes) throws Exception {
        ServerConnector connector = JettyApp.connector(host, port);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(app.toAbsolutePath().toString());
        webapp.setTempDirectory(Files.createDirectories(workDir.resolve("jetty")).toFile());
        contextParams.forEach(webapp::setInitParameter);
        // Context attributes before the start, so the application's listeners and JwtGate see them.
        attributes.forEach(webapp::setAttribute);
        // The ee8 context is a Supplier of its core handler; this overload installs that handler.
        connector.getServer().setHandler(webapp);
        return JettyApp.start(connector, webapp::isAvailable, webapp::getUnavailableException,
                webapp::getServletContext);
    }
}
