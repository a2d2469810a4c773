package io.jwtgate.support;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.LoginServlet;
import jakarta.servlet.DispatcherType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded container running JwtAuthFilter on /*, LoginServlet on /auth/* and the
 * {@link EchoServlet} under every kind of mapping a real application uses (Servlet 6.0 §12.2),
 * registered in code the way web.xml would: exact, prefix, extension and the default servlet.
 * Each registration has its own servlet name, so the echo tells which mapping served a request.
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

        /**
         * Stops the application at {@code contextPath} and starts it again, as a redeploy does,
         * while the others keep serving.
         *
         * @throws IllegalStateException when it does not come back
         */
        void restart(String contextPath);

        @Override
        void close();
    }

    /** Starts one container (one JVM, one server) holding every application of {@code apps}. */
    public Apps startApps(java.util.List<App> apps, Path workDir) {
        try {
            return this == JETTY ? jettyApps(apps) : tomcatApps(apps, workDir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + this, e);
        }
    }

    private static Apps jettyApps(java.util.List<App> apps) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        org.eclipse.jetty.server.handler.ContextHandlerCollection contexts =
                new org.eclipse.jetty.server.handler.ContextHandlerCollection();
        Map<String, ServletContextHandler> handlers = new java.util.HashMap<>();
        for (App app : apps) {
            // The root context is "" to the Servlet API and Tomcat, "/" to Jetty's handler.
            ServletContextHandler context = new ServletContextHandler(
                    app.contextPath().isEmpty() ? "/" : app.contextPath());
            app.contextParams().forEach(context::setInitParameter);
            app.attributes().forEach(context::setAttribute);
            context.addEventListener(app.setUpListener());
            FilterHolder filter = new FilterHolder(JwtAuthFilter.class);
            filter.setName("JwtAuthFilter");
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            ServletHolder login = new ServletHolder("LoginServlet", LoginServlet.class);
            login.setInitOrder(1);
            context.addServlet(login, "/auth/*");
            context.addServlet(new ServletHolder("echo", EchoServlet.class), "/");
            context.addServlet(new ServletHolder("echo-api", EchoServlet.class), "/api/*");
            context.addServlet(new ServletHolder("exposure", ExposureServlet.class), "/api/exposure");
            contexts.addHandler(context);
            handlers.put(app.contextPath(), context);
        }
        server.setHandler(contexts);
        server.start();
        int port = connector.getLocalPort();
        return new Apps() {
            @Override
            public Http http(String contextPath) {
                return new Http(port, contextPath);
            }

            @Override
            public void restart(String contextPath) {
                ServletContextHandler context = handlers.get(contextPath);
                try {
                    context.stop();
                    context.start();
                } catch (Exception e) {
                    throw new IllegalStateException("Jetty did not restart " + contextPath, e);
                }
                if (!context.isAvailable()) {
                    throw new IllegalStateException("Jetty did not restart " + contextPath);
                }
            }

            @Override
            public void close() {
                try {
                    server.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** Adds {@code app} to {@code tomcat}'s host; when the host runs, that starts it (a deployment). */
    private static Context tomcatApp(Tomcat tomcat, Path base, App app) throws Exception {
        File docBase = Files.createDirectories(base.resolve("docroot" + app.contextPath().replace('/', '_')))
                .toFile();
        // Built as Tomcat.addContext does, but added to the host last: a running host starts a
        // context when it is added, before servlets registered afterwards would be mapped.
        Context context = new org.apache.catalina.core.StandardContext();
        context.setName(app.contextPath());
        context.setPath(app.contextPath());
        context.setDocBase(docBase.getAbsolutePath());
        context.addLifecycleListener(new Tomcat.FixContextListener());
        app.contextParams().forEach(context::addParameter);
        context.addServletContainerInitializer((classes, ctx) -> {
            app.attributes().forEach(ctx::setAttribute);
            ctx.addListener(app.setUpListener());
        }, null);
        FilterDef def = new FilterDef();
        def.setFilterName("JwtAuthFilter");
        def.setFilterClass(JwtAuthFilter.class.getName());
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("JwtAuthFilter");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "LoginServlet", LoginServlet.class.getName()).setLoadOnStartup(1);
        context.addServletMapping("/auth/*", "LoginServlet");
        Tomcat.addServlet(context, "echo", EchoServlet.class.getName());
        context.addServletMapping("/", "echo");
        Tomcat.addServlet(context, "echo-api", EchoServlet.class.getName());
        context.addServletMapping("/api/*", "echo-api");
        Tomcat.addServlet(context, "exposure", ExposureServlet.class.getName());
        context.addServletMapping("/api/exposure", "exposure");
        tomcat.getHost().addChild(context);
        return context;
    }

    private static Apps tomcatApps(java.util.List<App> apps, Path workDir) throws Exception {
        Tomcat tomcat = new Tomcat();
        Path base = Files.createDirectories(workDir.resolve("tomcat-apps"));
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        java.util.List<Context> contexts = new java.util.ArrayList<>();
        for (App app : apps) {
            contexts.add(tomcatApp(tomcat, base, app));
        }
        tomcat.start();
        for (Context context : contexts) {
            if (context.getState() != LifecycleState.STARTED) {
                tomcat.stop();
                tomcat.destroy();
                throw new IllegalStateException("Tomcat did not start " + context.getPath());
            }
        }
        int port = tomcat.getConnector().getLocalPort();
        return new Apps() {
            @Override
            public Http http(String contextPath) {
                return new Http(port, contextPath);
            }

            @Override
            public void restart(String contextPath) {
                // Tomcat's own stop and start drop the servlets a web.xml would declare again, so a
                // restart is what a redeploy is: the old context is undeployed and a new one deployed.
                int index = java.util.stream.IntStream.range(0, apps.size())
                        .filter(i -> apps.get(i).contextPath().equals(contextPath)).findFirst().orElseThrow();
                Context context;
                try {
                    tomcat.getHost().removeChild(contexts.get(index));
                    context = tomcatApp(tomcat, base, apps.get(index));
                } catch (Exception e) {
                    throw new IllegalStateException("Tomcat did not restart " + contextPath, e);
                }
                contexts.set(index, context);
                if (context.getState() != LifecycleState.STARTED) {
                    throw new IllegalStateException("Tomcat did not restart " + contextPath);
                }
            }

            @Override
            public void close() {
                try {
                    tomcat.stop();
                    tomcat.destroy();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    public Running start(Map<String, String> contextParams, Path workDir) {
        return start(contextParams, workDir, Map.of());
    }

    /**
     * @param attributes servlet-context attributes set before the application starts, e.g. a
     *     {@link java.time.Clock} under {@code io.jwtgate.clock}
     */
    public Running start(Map<String, String> contextParams, Path workDir, Map<String, Object> attributes) {
        try {
            return this == JETTY ? jetty(contextParams, attributes)
                    : tomcat(contextParams, workDir, attributes, null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + this, e);
        }
    }

    private static Running jetty(Map<String, String> params, Map<String, Object> attributes) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(CONTEXT_PATH);
        params.forEach(context::setInitParameter);
        attributes.forEach(context::setAttribute);
        FilterHolder filter = new FilterHolder(JwtAuthFilter.class);
        filter.setName("JwtAuthFilter");
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder login = new ServletHolder("LoginServlet", LoginServlet.class);
        login.setInitOrder(1);
        context.addServlet(login, "/auth/*");
        ECHO_MAPPINGS.forEach((name, pattern) -> context.addServlet(new ServletHolder(name, EchoServlet.class), pattern));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            // Jetty's ServletContextHandler fails the whole server when a filter cannot start:
            // no connector opens, so nothing is served at all.
            server.stop();
            return failed(e);
        }
        return started(new Http(connector.getLocalPort(), CONTEXT_PATH), context::isAvailable, server::stop);
    }

    /** What stops a started container. */
    @FunctionalInterface
    private interface Stopper {
        void stop() throws Exception;
    }

    private static Running started(Http http, java.util.function.BooleanSupplier available, Stopper stopper) {
        return started(http, available, stopper, () -> null);
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
        try {
            return tomcat(params, workDir, Map.of(), ctx -> {
                org.apache.tomcat.util.descriptor.web.ContextResource resource =
                        new org.apache.tomcat.util.descriptor.web.ContextResource();
                resource.setName(name);
                resource.setType("org.h2.jdbcx.JdbcDataSource");
                resource.setProperty("factory", "org.h2.jdbcx.JdbcDataSourceFactory");
                resource.setProperty("url", h2Url);
                resource.setProperty("user", "sa");
                // H2's factory reads every one of these properties.
                resource.setProperty("password", "");
                resource.setProperty("description", "jwtgate test store");
                resource.setProperty("loginTimeout", "0");
                ctx.getNamingResources().addResource(resource);
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Tomcat with a DataSource", e);
        }
    }

    private static Running tomcat(Map<String, String> params, Path workDir, Map<String, Object> attributes,
            java.util.function.Consumer<Context> naming) throws Exception {
        Tomcat tomcat = new Tomcat();
        if (naming != null) {
            tomcat.enableNaming();
        }
        Path base = Files.createDirectories(workDir.resolve("tomcat"));
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        File docBase = Files.createDirectories(base.resolve("docroot")).toFile();
        Context context = tomcat.addContext(CONTEXT_PATH, docBase.getAbsolutePath());
        params.forEach(context::addParameter);
        context.addServletContainerInitializer((classes, ctx) -> attributes.forEach(ctx::setAttribute), null);
        FilterDef def = new FilterDef();
        def.setFilterName("JwtAuthFilter");
        def.setFilterClass(JwtAuthFilter.class.getName());
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("JwtAuthFilter");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "LoginServlet", LoginServlet.class.getName()).setLoadOnStartup(1);
        context.addServletMapping("/auth/*", "LoginServlet");
        ECHO_MAPPINGS.forEach((name, pattern) -> {
            Tomcat.addServlet(context, name, EchoServlet.class.getName());
            context.addServletMapping(pattern, name);
        });
        if (naming != null) {
            naming.accept(context);
        }
        // Tomcat does not throw when a filter or servlet fails to start: it logs the exception and
        // leaves the context unavailable, so the failure is read from its log.
        StartFailures failures = new StartFailures();
        java.util.logging.Logger catalina = java.util.logging.Logger.getLogger("org.apache.catalina");
        catalina.addHandler(failures);
        try {
            tomcat.start();
        } finally {
            catalina.removeHandler(failures);
        }
        String failure = context.getState() == LifecycleState.STARTED ? null : failures.causes();
        return started(new Http(tomcat.getConnector().getLocalPort(), CONTEXT_PATH),
                () -> context.getState() == LifecycleState.STARTED, () -> {
                    tomcat.stop();
                    tomcat.destroy();
                }, () -> failure);
    }

    /** The exceptions Tomcat logs while starting, with their causes, as {@link #failed} reports them. */
    private static final class StartFailures extends java.util.logging.Handler {
        private final StringBuilder causes = new StringBuilder();

        @Override
        public synchronized void publish(java.util.logging.LogRecord record) {
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                causes.append(t.getMessage()).append(" / ");
            }
        }

        synchronized String causes() {
            return causes.length() == 0 ? null : causes.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
