package io.jwtgate.support.engine;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.DefaultAuthenticatorFactory;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.security.Credential;

/** Embedded Jetty 12, Servlet 6.0 environment (ee10). jwtgate-javax has its own ee8 version. */
public final class JettyEngine implements Engine {

    @Override
    public EmbeddedServer start(List<Deployment> deployments, Path workDir) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        // Jetty's per-connection header cache otherwise hands a request whose Authorization value
        // differs from the previous one's only in letter case the previous value (decision 641).
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                .setHeaderCacheCaseSensitive(true);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection handlers = new ContextHandlerCollection();
        Map<String, ServletContextHandler> contexts = new LinkedHashMap<>();
        for (Deployment deployment : deployments) {
            ServletContextHandler context = context(deployment, workDir);
            handlers.addHandler(context);
            contexts.put(deployment.contextPath(), context);
        }
        server.setHandler(handlers);
        JettyEngineJaspiSwitch jaspi = JettyEngineJaspiSwitch.install(deployments);
        try {
            server.start();
        } catch (Exception e) {
            // Jetty fails the whole server when a filter or servlet cannot start: no connector opens.
            server.stop();
            jaspi.close();
            throw e;
        }
        return new JettyServer(server, connector.getLocalPort(), contexts, jaspi);
    }

    private static ServletContextHandler context(Deployment deployment, Path workDir) throws java.io.IOException {
        // The root context is "" to the Servlet API and Tomcat, "/" to Jetty's handler. With a session
        // handler, as every web application has in a container: only then can a test see that
        // JwtGate creates no HTTP session (Tomcat contexts always have one).
        ServletContextHandler context = new ServletContextHandler(
                deployment.contextPath().isEmpty() ? "/" : deployment.contextPath(), ServletContextHandler.SESSIONS);
        context.setBaseResourceAsPath(java.nio.file.Files.createDirectories(
                Engine.documentRoot(workDir, deployment.contextPath())));
        deployment.initParams().forEach(context::setInitParameter);
        deployment.attributes().forEach(context::setAttribute);
        for (ServletContextListener listener : deployment.listeners()) {
            if (listener instanceof ServletContainerInitializer) {
                // Started as the initializer its jar declares: before the security handler starts.
                context.addServletContainerInitializer((ServletContainerInitializer) listener);
            } else {
                context.addEventListener(listener);
            }
        }
        for (Deployment.FilterMapping f : deployment.filters()) {
            FilterHolder holder = new FilterHolder(f.type());
            holder.setName(f.name());
            holder.setAsyncSupported(true);
            context.addFilter(holder, f.urlPattern(), f.dispatchers());
        }
        for (Deployment.ServletMapping s : deployment.servlets()) {
            ServletHolder holder = new ServletHolder(s.name(), s.type());
            holder.setAsyncSupported(true);
            if (s.loadOnStartup() >= 0) {
                holder.setInitOrder(s.loadOnStartup());
            }
            context.addServlet(holder, s.urlPattern());
        }
        if (!deployment.errorPages().isEmpty()) {
            ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
            deployment.errorPages().forEach(errors::addErrorPage);
            context.setErrorHandler(errors);
        }
        if (deployment.dataSource() != null) {
            throw new UnsupportedOperationException("JNDI resources are only set up for Tomcat");
        }
        if (deployment.security() != null) {
            context.setSecurityHandler(securityHandler(deployment.security()));
        }
        return context;
    }

    /**
     * What Jetty's StandardDescriptorProcessor makes of the security elements of web.xml: one
     * {@link ConstraintMapping} per URL pattern and {@code <http-method>} (or per omitted method), the
     * declared roles as known roles, the login config's authenticator, and a {@link HashLoginService}
     * holding the realm's users. With {@link Security#jaspic()}, the {@code JaspiAuthenticatorFactory}
     * of Jetty's ee10-jaspi module may choose the authenticator, as that module does in a distribution.
     */
    private static ConstraintSecurityHandler securityHandler(Security security) {
        ConstraintSecurityHandler handler = new ConstraintSecurityHandler();
        security.declaredRoles().forEach(handler::addKnownRole);
        for (Security.Constraint c : security.constraints()) {
            Constraint constraint = constraint(c);
            for (String pattern : c.urlPatterns()) {
                if (!c.httpMethods().isEmpty()) {
                    for (String method : c.httpMethods()) {
                        handler.addConstraintMapping(mapping(pattern, constraint, method, null));
                    }
                } else if (!c.omittedMethods().isEmpty()) {
                    for (String omitted : c.omittedMethods()) {
                        handler.addConstraintMapping(mapping(pattern, constraint, null, omitted));
                    }
                } else {
                    handler.addConstraintMapping(mapping(pattern, constraint, null, null));
                }
            }
        }
        if (security.authMethod() != null) {
            handler.setAuthenticationType(security.authMethod());
            handler.setRealmName(security.realmName());
        }
        UserStore users = new UserStore();
        security.realmUsers().forEach((name, user) -> users.addUser(name, Credential.getCredential(user.password()),
                user.roles().toArray(String[]::new)));
        HashLoginService realm = new HashLoginService(security.realmName() == null ? "default" : security.realmName());
        realm.setUserStore(users);
        handler.setLoginService(realm);
        if (!security.jaspic()) {
            // A server without the ee10-jaspi module knows only Jetty's own authenticators. With it, the
            // handler looks the factories up itself: JaspiAuthenticatorFactory (its jar's service entry)
            // first, which answers only for applications with a registered provider, then this default.
            handler.setAuthenticatorFactory(new DefaultAuthenticatorFactory());
        }
        return handler;
    }

    /** The role semantics of web.xml: "**" any authenticated user, "*" any declared role, none: nobody. */
    private static Constraint constraint(Security.Constraint c) {
        Constraint.Builder builder = new Constraint.Builder();
        if (c.roles() == null) {
            builder.authorization(Constraint.Authorization.ALLOWED);
        } else if (c.roles().contains("**")) {
            builder.authorization(Constraint.Authorization.ANY_USER);
        } else if (c.roles().contains("*")) {
            builder.authorization(Constraint.Authorization.KNOWN_ROLE);
        } else if (c.roles().isEmpty()) {
            builder.authorization(Constraint.Authorization.FORBIDDEN);
        } else {
            builder.authorization(Constraint.Authorization.SPECIFIC_ROLE).roles(c.roles().toArray(String[]::new));
        }
        boolean secure = "CONFIDENTIAL".equals(c.transportGuarantee()) || "INTEGRAL".equals(c.transportGuarantee());
        builder.transport(secure ? Constraint.Transport.SECURE : Constraint.Transport.ANY);
        return builder.build();
    }

    private static ConstraintMapping mapping(String pattern, Constraint constraint, String method, String omitted) {
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setPathSpec(pattern);
        mapping.setConstraint(constraint);
        if (method != null) {
            mapping.setMethod(method);
        }
        if (omitted != null) {
            mapping.setMethodOmissions(new String[] {omitted});
        }
        return mapping;
    }

    @Override
    public ServletContext detachedContext(String contextPath, Map<String, String> initParams) {
        ServletContextHandler handler = new ServletContextHandler(contextPath);
        initParams.forEach(handler::setInitParameter);
        return handler.getServletContext();
    }

    private record JettyServer(Server server, int port, Map<String, ServletContextHandler> contexts,
            JettyEngineJaspiSwitch jaspi) implements EmbeddedServer {

        @Override
        public boolean available(String contextPath) {
            return contexts.get(contextPath).isAvailable();
        }

        @Override
        public String startFailure(String contextPath) {
            return null;
        }

        @Override
        public void restart(String contextPath) throws Exception {
            ServletContextHandler context = contexts.get(contextPath);
            context.stop();
            context.start();
        }

        @Override
        public void close() {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop Jetty", e);
            } finally {
                jaspi.close();
            }
        }
    }
}
