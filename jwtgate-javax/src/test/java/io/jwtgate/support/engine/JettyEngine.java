package io.jwtgate.support.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletContainerInitializer;
import javax.servlet.ServletContext;
import javax.servlet.ServletContextListener;
import org.eclipse.jetty.ee8.nested.ServletConstraint;
import org.eclipse.jetty.ee8.security.ConstraintMapping;
import org.eclipse.jetty.ee8.security.ConstraintSecurityHandler;
import org.eclipse.jetty.ee8.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.security.Credential;

/**
 * Embedded Jetty 12, Servlet 4.0 environment (ee8): takes the place of the library's ee10
 * {@code JettyEngine} (same name, left out when the test suite is unpacked), so that
 * {@code Container.JETTY} means Jetty ee8 in this module.
 */
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
            // An ee8 context is a nested handler: the server holds the core handler that wraps it.
            handlers.addHandler(context.getCoreContextHandler());
            contexts.put(deployment.contextPath(), context);
        }
        server.setHandler(handlers);
        try {
            server.start();
        } catch (Exception e) {
            // Jetty fails the whole server when a filter or servlet cannot start: no connector opens.
            server.stop();
            throw e;
        }
        return new JettyServer(server, connector.getLocalPort(), contexts);
    }

    private static ServletContextHandler context(Deployment deployment, Path workDir) throws java.io.IOException {
        // With a session handler, as every web application has in a container: only then can a test
        // see that JwtGate creates no HTTP session (Tomcat contexts always have one).
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setBaseResourceAsPath(java.nio.file.Files.createDirectories(
                Engine.documentRoot(workDir, deployment.contextPath())));
        // The root context is "" to the Servlet API and Tomcat, "/" to Jetty's handler.
        context.setContextPath(deployment.contextPath().isEmpty() ? "/" : deployment.contextPath());
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
     * What Jetty's ee8 StandardDescriptorProcessor makes of the security elements of web.xml: one
     * {@link ConstraintMapping} per URL pattern and {@code <http-method>} (or per omitted method), the
     * declared roles, the login config's authenticator, and a {@link HashLoginService} holding the
     * realm's users. Jetty's ee8 JASPI module is not published for Jetty 12.1, so {@link Security#jaspic()}
     * is refused here (the javax build's JASPIC is tested in Tomcat 9).
     */
    private static ConstraintSecurityHandler securityHandler(Security security) {
        if (security.jaspic()) {
            throw new UnsupportedOperationException("Jetty ee8 JASPI is not available for Jetty 12.1");
        }
        ConstraintSecurityHandler handler = new ConstraintSecurityHandler();
        security.declaredRoles().forEach(handler::addRole);
        for (Security.Constraint c : security.constraints()) {
            ServletConstraint constraint = constraint(c);
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
            handler.setAuthMethod(security.authMethod());
            handler.setRealmName(security.realmName());
        }
        UserStore users = new UserStore();
        security.realmUsers().forEach((name, user) -> users.addUser(name, Credential.getCredential(user.password()),
                user.roles().toArray(String[]::new)));
        HashLoginService realm = new HashLoginService(security.realmName() == null ? "default" : security.realmName());
        realm.setUserStore(users);
        handler.setLoginService(realm);
        return handler;
    }

    /** As web.xml: an auth-constraint authenticates; its roles ("*", "**" included) are kept as written. */
    private static ServletConstraint constraint(Security.Constraint c) {
        ServletConstraint constraint = new ServletConstraint();
        if (c.roles() != null) {
            constraint.setAuthenticate(true);
            constraint.setRoles(c.roles().toArray(String[]::new));
        }
        if (c.transportGuarantee() != null) {
            constraint.setDataConstraint(switch (c.transportGuarantee()) {
                case "INTEGRAL" -> ServletConstraint.DC_INTEGRAL;
                case "CONFIDENTIAL" -> ServletConstraint.DC_CONFIDENTIAL;
                default -> ServletConstraint.DC_NONE;
            });
        }
        return constraint;
    }

    private static ConstraintMapping mapping(String pattern, ServletConstraint constraint, String method,
            String omitted) {
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
        ServletContextHandler handler = new ServletContextHandler();
        handler.setContextPath(contextPath);
        initParams.forEach(handler::setInitParameter);
        return handler.getServletContext();
    }

    private record JettyServer(Server server, int port, Map<String, ServletContextHandler> contexts)
            implements EmbeddedServer {

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
            ServletContextHandler.CoreContextHandler context = contexts.get(contextPath).getCoreContextHandler();
            context.stop();
            context.start();
        }

        @Override
        public void close() {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop Jetty", e);
            }
        }
    }
}
