package io.jwtgate.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Deploys a web application in embedded Jetty 12 with the Jakarta EE 10 environment. The only
 * class of the suite that names a Jetty environment: the javax build of the suite replaces it
 * with its ee8 counterpart and keeps everything else ({@link JettyApp} among it).
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
        connector.getServer().setHandler(webapp);
        return JettyApp.start(connector, webapp::isAvailable, webapp::getUnavailableException,
                webapp::getServletContext);
    }
}
