package io.jwtgate.support.engine;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.realm.MemoryRealm;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/**
 * Embedded Tomcat. Compiled against Tomcat 11; jwtgate-javax runs these same classes, rewritten to
 * javax.servlet, on Tomcat 9, whose embedding API has every method used here with the same
 * signature (decision 163).
 */
public final class TomcatEngine implements Engine {

    @Override
    public EmbeddedServer start(List<Deployment> deployments, Path workDir) throws Exception {
        // As operations.md tells every Tomcat: its processors otherwise log a header line they cannot
        // parse, bearer token and all, at INFO (decision 642).
        System.setProperty("org.apache.juli.logging.UserDataHelper.CONFIG", "NONE");
        Tomcat tomcat = new Tomcat();
        if (deployments.stream().anyMatch(d -> d.dataSource() != null)) {
            tomcat.enableNaming();
        }
        Path base = Files.createDirectories(workDir);
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Map<String, Context> contexts = new LinkedHashMap<>();
        Map<String, Deployment> byPath = new LinkedHashMap<>();
        for (Deployment deployment : deployments) {
            contexts.put(deployment.contextPath(), deploy(tomcat, base, deployment));
            byPath.put(deployment.contextPath(), deployment);
        }
        // Tomcat does not throw when a filter or servlet fails to start: it logs the exception and
        // leaves the context unavailable, so the failure is read from its log.
        StartFailures failures = new StartFailures();
        Logger catalina = Logger.getLogger("org.apache.catalina");
        catalina.addHandler(failures);
        try {
            tomcat.start();
        } finally {
            catalina.removeHandler(failures);
        }
        return new TomcatServer(tomcat, base, byPath, contexts, failures.causes());
    }

    /**
     * Builds the context as {@code Tomcat.addContext} does, but adds it to the host only once it is
     * configured: a running host starts a context as soon as it is added, before servlets
     * registered afterwards would be mapped (a restart deploys into a running host).
     */
    private static Context deploy(Tomcat tomcat, Path base, Deployment deployment) throws java.io.IOException {
        File docBase = Files.createDirectories(Engine.documentRoot(base, deployment.contextPath())).toFile();
        Context context = new StandardContext();
        context.setName(deployment.contextPath());
        context.setPath(deployment.contextPath());
        context.setDocBase(docBase.getAbsolutePath());
        context.addLifecycleListener(new Tomcat.FixContextListener());
        configure(context, deployment);
        if (deployment.security() != null) {
            secure(context, deployment.security(), base.resolve("tomcat-users" + deployment.contextPath().replace('/', '_')
                    + ".xml"));
        }
        tomcat.getHost().addChild(context);
        return context;
    }

    // addServletMappingDecoded is deprecated in Tomcat 11 in favour of addServletMapping, which Tomcat 9
    // lacks: the deprecated call is the one both have, and these classes run on both.
    @SuppressWarnings("deprecation")
    private static void configure(Context context, Deployment deployment) {
        deployment.initParams().forEach(context::addParameter);
        context.addServletContainerInitializer((classes, ctx) -> {
            deployment.attributes().forEach(ctx::setAttribute);
            deployment.listeners().stream().filter(l -> !(l instanceof ServletContainerInitializer))
                    .forEach(ctx::addListener);
        }, null);
        // A listener that is also an initializer runs as the one its jar declares (after the one above,
        // which sets the attributes it may read).
        deployment.listeners().stream().filter(ServletContainerInitializer.class::isInstance)
                .forEach(l -> context.addServletContainerInitializer((ServletContainerInitializer) l, null));
        for (Deployment.FilterMapping f : deployment.filters()) {
            FilterDef def = new FilterDef();
            def.setFilterName(f.name());
            def.setFilterClass(f.type().getName());
            def.setAsyncSupported("true");
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName(f.name());
            map.addURLPattern(f.urlPattern());
            f.dispatchers().forEach(d -> map.setDispatcher(d.name()));
            context.addFilterMap(map);
        }
        for (Deployment.ServletMapping s : deployment.servlets()) {
            org.apache.catalina.Wrapper wrapper = Tomcat.addServlet(context, s.name(), s.type().getName());
            wrapper.setAsyncSupported(true);
            if (s.loadOnStartup() >= 0) {
                wrapper.setLoadOnStartup(s.loadOnStartup());
            }
            context.addServletMappingDecoded(s.urlPattern(), s.name());
        }
        deployment.errorPages().forEach((status, location) -> {
            ErrorPage page = new ErrorPage();
            page.setErrorCode(status);
            page.setLocation(location);
            context.addErrorPage(page);
        });
        Deployment.JndiDataSource ds = deployment.dataSource();
        if (ds != null) {
            ContextResource resource = new ContextResource();
            resource.setName(ds.name());
            resource.setType("org.h2.jdbcx.JdbcDataSource");
            resource.setProperty("factory", "org.h2.jdbcx.JdbcDataSourceFactory");
            resource.setProperty("url", ds.h2Url());
            resource.setProperty("user", "sa");
            // H2's factory reads every one of these properties.
            resource.setProperty("password", "");
            resource.setProperty("description", "jwtgate test store");
            resource.setProperty("loginTimeout", "0");
            context.getNamingResources().addResource(resource);
        }
    }

    /**
     * What Tomcat's ContextConfig makes of the security elements of web.xml: the same
     * {@link SecurityConstraint}s, security roles and {@link LoginConfig}, the authenticator valve the
     * login config names, and a {@link MemoryRealm} reading a tomcat-users.xml file. Tomcat's Jakarta
     * Authentication support is built into every authenticator valve, so {@link Security#jaspic()}
     * needs nothing here.
     */
    private static void secure(Context context, Security security, Path usersFile) throws java.io.IOException {
        for (Security.Constraint c : security.constraints()) {
            SecurityConstraint constraint = new SecurityConstraint();
            SecurityCollection collection = new SecurityCollection();
            c.urlPatterns().forEach(collection::addPattern);
            c.httpMethods().forEach(collection::addMethod);
            c.omittedMethods().forEach(collection::addOmittedMethod);
            constraint.addCollection(collection);
            if (c.roles() != null) {
                constraint.setAuthConstraint(true);
                c.roles().forEach(constraint::addAuthRole);
            }
            if (c.transportGuarantee() != null) {
                constraint.setUserConstraint(c.transportGuarantee());
            }
            context.addConstraint(constraint);
        }
        security.declaredRoles().forEach(context::addSecurityRole);
        if (security.authMethod() != null) {
            // Without a login config, Tomcat.FixContextListener adds the NonLoginAuthenticator itself.
            context.setLoginConfig(new LoginConfig(security.authMethod(), security.realmName(), null, null));
            if (!"BASIC".equals(security.authMethod())) {
                throw new UnsupportedOperationException("only BASIC is set up: " + security.authMethod());
            }
            context.getPipeline().addValve(new BasicAuthenticator());
        }
        StringBuilder users = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>\n<tomcat-users>\n");
        security.realmUsers().forEach((name, user) -> users.append("  <user username=\"").append(xml(name))
                .append("\" password=\"").append(xml(user.password())).append("\" roles=\"")
                .append(xml(String.join(",", user.roles()))).append("\"/>\n"));
        users.append("</tomcat-users>\n");
        Files.writeString(usersFile, users);
        MemoryRealm realm = new MemoryRealm();
        realm.setPathname(usersFile.toAbsolutePath().toString());
        context.setRealm(realm);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    @Override
    public ServletContext detachedContext(String contextPath, Map<String, String> initParams) {
        StandardContext context = new StandardContext();
        context.setPath(contextPath);
        initParams.forEach(context::addParameter);
        return context.getServletContext();
    }

    private record TomcatServer(Tomcat tomcat, Path base, Map<String, Deployment> deployments,
            Map<String, Context> contexts, String failures) implements EmbeddedServer {

        @Override
        public int port() {
            return tomcat.getConnector().getLocalPort();
        }

        @Override
        public boolean available(String contextPath) {
            return contexts.get(contextPath).getState() == LifecycleState.STARTED;
        }

        @Override
        public String startFailure(String contextPath) {
            return available(contextPath) ? null : failures;
        }

        @Override
        public void restart(String contextPath) throws Exception {
            // Tomcat's own stop and start drop the servlets a web.xml would declare again (here they
            // were added in code), so a restart is what a redeploy is: undeploy, then deploy anew.
            tomcat.getHost().removeChild(contexts.get(contextPath));
            Context context = deploy(tomcat, base, deployments.get(contextPath));
            contexts.put(contextPath, context);
        }

        @Override
        public void close() {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (org.apache.catalina.LifecycleException e) {
                throw new IllegalStateException("cannot stop Tomcat", e);
            }
        }
    }

    /** The exceptions Tomcat logs while starting, with their causes. */
    private static final class StartFailures extends Handler {
        private final StringBuilder causes = new StringBuilder();

        @Override
        public synchronized void publish(LogRecord record) {
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
