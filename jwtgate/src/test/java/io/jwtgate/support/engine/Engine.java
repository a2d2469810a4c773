package io.jwtgate.support.engine;

import jakarta.servlet.ServletContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One embedded servlet container, reduced to what the tests need from it: start several
 * {@link Deployment}s in one server, and a servlet context that belongs to no running server.
 *
 * <p>Everything that names a container class lives behind this interface, in {@code JettyEngine} and
 * {@code TomcatEngine} of this package. The jakarta build has Jetty 12 ee10 and Tomcat 11 there;
 * jwtgate-javax runs the same compiled tests, rewritten to javax.servlet, with its own
 * {@code JettyEngine} (Jetty 12 ee8) in place of this one and Tomcat 9 on the class path.
 */
public interface Engine {

    /**
     * Starts one server (one connector on 127.0.0.1, a free port) holding every deployment.
     *
     * @throws Exception when the container refuses to start (Jetty throws when a filter or servlet
     *     fails; Tomcat does not, see {@link EmbeddedServer#startFailure})
     */
    EmbeddedServer start(List<Deployment> deployments, Path workDir) throws Exception;

    /**
     * The document root every engine gives the application at {@code contextPath} when started in
     * {@code workDir}: files a test writes there before the start are the application's resources
     * ({@code ServletContext.getResource}), e.g. a {@code WEB-INF/web.xml} as an operator's WAR holds
     * it. The engines never read that file as a descriptor: deployments are described by
     * {@link Deployment} alone.
     */
    static Path documentRoot(Path workDir, String contextPath) {
        return workDir.resolve("docroot" + contextPath.replace('/', '_'));
    }

    /**
     * A servlet context of this container that is not started and serves nothing, holding
     * {@code initParams}: for code that only needs a real {@link ServletContext} to read and write.
     */
    ServletContext detachedContext(String contextPath, Map<String, String> initParams);
}
