package io.jwtgate.support;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.LoginServlet;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Engine;
import io.jwtgate.support.engine.JettyEngine;
import io.jwtgate.support.engine.TomcatEngine;
import java.nio.file.Path;
import java.util.Map;

/**
 * An embedded container running JwtAuthFilter on /*, LoginServlet on /auth/* and the
 * {@link EchoServlet} under every kind of mapping a real application uses (Servlet 6.0 §12.2),
 * registered in code the way web.xml would: exact, prefix, extension and the default servlet.
 * Each registration has its own servlet name, so the echo tells which mapping served a request.
 *
 * <p>{@link #JETTY} and {@link #TOMCAT} name whichever Jetty and Tomcat the class path holds, through
 * the {@link Engine}s of {@code io.jwtgate.support.engine}: Jetty 12 ee10 and Tomcat 11 here, Jetty 12
 * ee8 and Tomcat 9 when jwtgate-javax runs these same classes.
 */
public enum Container {
    JETTY, TOMCAT;

    public static final String CONTEXT_PATH = "/app";

    /** Echo servlet name to URL pattern; {@code echo-default} takes whatever no other mapping does. */
    public static final Map<String, String> ECHO_MAPPINGS = echoMappings();

    private static Map<String, String> echoMappings() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("echo-public-hello", "/public/hello");
        m.put("echo-api-hello", "/api/hello");
        m.put("echo-admin", "/admin/*");
        m.put("echo-api", "/api/*");
        m.put("echo-do", "*.do");
        m.put("echo-default", "/");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A started container. */
    public interface Running extends AutoCloseable {
        Http http();

        /** Whether the application started (JwtGate refuses to start on bad configuration). */
        boolean available();

        /** The start-up failure the container reported by throwing, with its causes; null when none. */
        default String startFailure() {
            return null;
        }

        @Override
        void close();
    }

    /**
     * One web application of {@link #startApps}: JwtAuthFilter on /*, LoginServlet on /auth/*, the
     * {@link EchoServlet} on / and /api/*, and the {@link ExposureServlet} on /api/exposure.
     *
     * @param contextPath e.g. {@code /a}
     * @param attributes servlet-context attributes set before the application starts (through the
     *     embedding API: Jetty keeps these as persistent attributes of its handler)
     * @param listenerAttributes servlet-context attributes a {@code ServletContextListener} sets in
     *     {@code contextInitialized}, before the filter starts: how set-up code hands over settings
     *     (decision 151)
     */
    public record App(String contextPath, Map<String, String> contextParams, Map<String, Object> attributes,
            Map<String, Object> listenerAttributes) {

        public App(String contextPath, Map<String, String> contextParams, Map<String, Object> attributes) {
            this(contextPath, contextParams, attributes, Map.of());
        }

        /** The set-up code's listener. */
        jakarta.servlet.ServletContextListener setUpListener() {
            return new jakarta.servlet.ServletContextListener() {
                @Override
                public void contextInitialized(jakarta.servlet.ServletContextEvent event) {
                    listenerAttributes.forEach(event.getServletContext()::setAttribute);
                }
            };
        }
    }

    /** Several started applications in one container. */
    public interface Apps extends AutoCloseable {
        Http http(String contextPath);

        /** Stops the application at {@code contextPath} and starts it again; the others keep running. */
        void restart(String contextPath);

        @Override
        void close();
    }

    /** Starts one container (one JVM, one server) holding every application of {@code apps}. */
    public Apps startApps(java.util.List<App> apps, Path workDir) {
        EmbeddedServer server;
        try {
            server = engine().start(apps.stream().map(Container::deployment).toList(),
                    workDir.resolve(this == JETTY ? "jetty-apps" : "tomcat-apps"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + this, e);
        }
        for (App app : apps) {
            if (!server.available(app.contextPath())) {
                stop(server);
                throw new IllegalStateException(this + " did not start " + app.contextPath());
            }
        }
        int port = server.port();
        return new Apps() {
            @Override
            public Http http(String contextPath) {
                return new Http(port, contextPath);
            }

            @Override
            public void restart(String contextPath) {
                try {
                    server.restart(contextPath);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot restart " + contextPath, e);
                }
                if (!server.available(contextPath)) {
                    throw new IllegalStateException(Container.this + " did not restart " + contextPath);
                }
            }

            @Override
            public void close() {
                stop(server);
            }
        };
    }

    /** JwtAuthFilter on /*, LoginServlet on /auth/*, and the servlets of {@code servlets}. */
    private static Deployment deployment(String contextPath, Map<String, String> params,
            Map<String, Object> attributes, java.util.List<jakarta.servlet.ServletContextListener> listeners,
            java.util.List<Deployment.ServletMapping> servlets, Deployment.JndiDataSource dataSource) {
        return deployment(contextPath, params, attributes, listeners, servlets, dataSource,
                java.util.List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")));
    }

    /** LoginServlet on /auth/*, the servlets of {@code servlets} and the filters of {@code filters}. */
    private static Deployment deployment(String contextPath, Map<String, String> params,
            Map<String, Object> attributes, java.util.List<jakarta.servlet.ServletContextListener> listeners,
            java.util.List<Deployment.ServletMapping> servlets, Deployment.JndiDataSource dataSource,
            java.util.List<Deployment.FilterMapping> filters) {
        java.util.List<Deployment.ServletMapping> all = new java.util.ArrayList<>();
        all.add(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1));
        all.addAll(servlets);
        return new Deployment(contextPath, params, attributes, listeners, filters, all, dataSource);
    }

    private static Deployment deployment(App app) {
        return deployment(app.contextPath(), app.contextParams(), app.attributes(),
                java.util.List.of(app.setUpListener()),
                java.util.List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1),
                        new Deployment.ServletMapping("echo-api", EchoServlet.class, "/api/*", -1),
                        new Deployment.ServletMapping("exposure", ExposureServlet.class, "/api/exposure", -1)),
                null);
    }

    public Running start(Map<String, String> contextParams, Path workDir) {
        return start(contextParams, workDir, Map.of());
    }

    /**
     * @param attributes servlet-context attributes set before the application starts, e.g. a
     *     {@link java.time.Clock} under {@code io.jwtgate.clock}
     */
    public Running start(Map<String, String> contextParams, Path workDir, Map<String, Object> attributes) {
        return start(contextParams, workDir, attributes, null);
    }

    /**
     * Like {@link #start(Map, Path)}, with the filters of {@code filters} (in this order) instead of
     * the one JwtAuthFilter on /*: an application's own filters around JwtGate's.
     */
    public Running startWithFilters(Map<String, String> contextParams, Path workDir,
            java.util.List<Deployment.FilterMapping> filters) {
        return start(contextParams, workDir, Map.of(), null, filters);
    }

    private Running start(Map<String, String> params, Path workDir, Map<String, Object> attributes,
            Deployment.JndiDataSource dataSource) {
        return start(params, workDir, attributes, dataSource,
                java.util.List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")));
    }

    private Running start(Map<String, String> params, Path workDir, Map<String, Object> attributes,
            Deployment.JndiDataSource dataSource, java.util.List<Deployment.FilterMapping> filters) {
        java.util.List<Deployment.ServletMapping> echoes = new java.util.ArrayList<>();
        ECHO_MAPPINGS.forEach((name, pattern) -> echoes.add(new Deployment.ServletMapping(name, EchoServlet.class,
                pattern, -1)));
        Deployment deployment = deployment(CONTEXT_PATH, params, attributes, java.util.List.of(), echoes, dataSource,
                filters);
        EmbeddedServer server;
        try {
            server = engine().start(java.util.List.of(deployment), workDir.resolve(this == JETTY ? "jetty" : "tomcat"));
        } catch (Exception e) {
            // Jetty fails the whole server when a filter cannot start: nothing is served at all.
            return failed(e);
        }
        String failure = server.startFailure(CONTEXT_PATH);
        return started(new Http(server.port(), CONTEXT_PATH), () -> server.available(CONTEXT_PATH), server::close,
                () -> failure);
    }

    /**
     * A servlet context of this container that belongs to no running server, holding
     * {@code initParams}: for code that only needs a real {@code ServletContext}.
     */
    public jakarta.servlet.ServletContext detachedContext(Map<String, String> initParams) {
        return engine().detachedContext("/x", initParams);
    }

    /**
     * The container behind this constant, as the class path of the run provides it: for tests that
     * describe a whole {@link Deployment} themselves (e.g. with container-managed security).
     */
    public Engine engine() {
        return this == JETTY ? new JettyEngine() : new TomcatEngine();
    }

    private static void stop(EmbeddedServer server) {
        server.close();
    }

    /** What stops a started container. */
    @FunctionalInterface
    private interface Stopper {
        void stop() throws Exception;
    }

    private static Running started(Http http, java.util.function.BooleanSupplier available, Stopper stopper,
            java.util.function.Supplier<String> startFailure) {
        return new Running() {
            @Override
            public String startFailure() {
                return startFailure.get();
            }

            @Override
            public Http http() {
                return http;
            }

            @Override
            public boolean available() {
                return available.getAsBoolean();
            }

            @Override
            public void close() {
                try {
                    stopper.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static Running failed(Throwable e) {
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            causes.append(t.getMessage()).append(" / ");
        }
        return new Running() {
            @Override
            public Http http() {
                throw new IllegalStateException("not started: " + causes);
            }

            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String startFailure() {
                return causes.toString();
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Tomcat with JNDI naming on and a container-managed H2 DataSource bound at
     * {@code java:comp/env/<name>}, the way an operator declares a {@code <Resource>} in context.xml.
     */
    public static Running tomcatWithDataSource(Map<String, String> params, Path workDir, String name, String h2Url) {
        return TOMCAT.start(params, workDir, Map.of(), new Deployment.JndiDataSource(name, h2Url));
    }
}
