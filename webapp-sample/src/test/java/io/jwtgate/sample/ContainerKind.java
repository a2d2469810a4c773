package io.jwtgate.sample;

import java.nio.file.Path;
import java.util.Map;

/**
 * The two containers the sample must run in, each able to deploy a WAR file or an exploded
 * directory at the root context with extra context parameters, the way an operator would add
 * them in the container's own configuration. The container-specific code lives in one small
 * class per container, which the javax build of this suite swaps where the APIs differ.
 */
enum ContainerKind {

    /** Jetty 12: ee10 here, ee8 in the javax build of the suite (see {@link JettyDeployment}). */
    JETTY {
        @Override
        RunningApp deploy(Path app, String host, int port, Map<String, String> contextParams, Path workDir,
                Map<String, Object> attributes) throws Exception {
            return JettyDeployment.deploy(app, host, port, contextParams, workDir, attributes);
        }
    },

    /** Tomcat 11 here, Tomcat 9 in the javax build of the suite (see {@link TomcatDeployment}). */
    TOMCAT {
        @Override
        RunningApp deploy(Path app, String host, int port, Map<String, String> contextParams, Path workDir,
                Map<String, Object> attributes) throws Exception {
            return TomcatDeployment.deploy(app, host, port, contextParams, workDir, attributes);
        }
    };

    /**
     * @param app a WAR file or an exploded web application directory
     * @param host the address to bind, e.g. {@code 127.0.0.1}; null for every interface
     * @param port 0 for any free port
     * @param workDir a private directory for the container's temporary files
     * @param attributes servlet context attributes set before the application starts, such as the
     *        {@code io.jwtgate.clock} a test moves instead of sleeping
     */
    abstract RunningApp deploy(Path app, String host, int port, Map<String, String> contextParams, Path workDir,
            Map<String, Object> attributes) throws Exception;

    /** Deploys without context attributes. */
    RunningApp deploy(Path app, String host, int port, Map<String, String> contextParams, Path workDir)
            throws Exception {
        return deploy(app, host, port, contextParams, workDir, Map.of());
    }

    /** Deploys on a free loopback port with context attributes set before the start. */
    RunningApp deploy(Path app, Map<String, String> contextParams, Path workDir, Map<String, Object> attributes)
            throws Exception {
        return deploy(app, "127.0.0.1", 0, contextParams, workDir, attributes);
    }

    /** Deploys on a free loopback port, as the tests do. */
    RunningApp deploy(Path app, Map<String, String> contextParams, Path workDir) throws Exception {
        return deploy(app, "127.0.0.1", 0, contextParams, workDir);
    }
}
