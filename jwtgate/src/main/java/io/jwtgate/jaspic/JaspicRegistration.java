package io.jwtgate.jaspic;

import io.jwtgate.JwtGate;
import io.jwtgate.config.Keys;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * Registers JwtGate as the application's Jakarta Authentication provider when
 * {@code jwtgate.jaspic.enabled=true}, through the standard {@code AuthConfigFactory} API of the
 * Servlet Container Profile (layer {@code HttpServlet}, the application's own context id); does
 * nothing otherwise. The registration is removed when the application stops, so a redeploy leaves
 * nothing behind in the JVM-wide factory.
 *
 * <p>The jar declares it as a {@link ServletContainerInitializer} ({@code META-INF/services}): Jetty
 * chooses an application's authenticator when its security handler starts, after the initializers
 * but before any {@code ServletContextListener} runs, so only an initializer registers in time there
 * (decision 210). It is also a {@link ServletContextListener}: it adds itself as one to remove the
 * registration at the end, and an application whose container does not run the jar's initializers
 * may declare it in web.xml as a {@code <listener>} (enough for Tomcat, which looks the provider up
 * at the first request).
 */
public final class JaspicRegistration implements ServletContainerInitializer, ServletContextListener {

    private static final System.Logger LOG = System.getLogger(JaspicRegistration.class.getName());

    /** The Servlet Container Profile's message layer. */
    static final String LAYER = "HttpServlet";
    /**
     * The host part Jetty's {@code JaspiAuthenticatorFactory} uses when an application has no virtual
     * host, where Jetty's {@code getVirtualServerName()} answers null (decision 213).
     */
    static final String JETTY_DEFAULT_SERVER_NAME = "server";

    private FactoryRegistration registration;
    private LazyGate gate;

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        if (register(context)) {
            context.addListener(this);
        }
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (gate != null) {
            return;
        }
        register(event.getServletContext());
    }

    /** Registers the provider when the setting is on; whether it did. */
    private boolean register(ServletContext context) {
        if (!enabled(context)) {
            return false;
        }
        // JwtGate starts on the module's first use, after every listener: set-up code hands its settings
        // over in contextInitialized, later than this (decision 292).
        LazyGate lazy = new LazyGate(context);
        String appContext = appContext(context);
        try {
            registration = FactoryRegistration.register(new JwtGateAuthConfigProvider(lazy), LAYER, appContext);
        } catch (NoClassDefFoundError e) {
            // Fail closed: the operator asked for the container's security to ask JwtGate, and it cannot.
            throw new IllegalStateException(Keys.JASPIC_ENABLED + "=true, but the container has no Jakarta"
                    + " Authentication API (on Jetty enable the ee10-jaspi module; see docs/jaspic.md)", e);
        }
        gate = lazy;
        LOG.log(Level.INFO, "JwtGate is the Jakarta Authentication module of {0} {1}; it starts on the first request",
                LAYER, appContext);
        return true;
    }

    /**
     * Whether {@code jwtgate.jaspic.enabled} is true, read without starting JwtGate; Settings validate
     * the value when JwtGate starts. Read before any listener runs, so set-up code's
     * {@code io.jwtgate.private-settings} cannot switch it on (decision 294). The API is only touched
     * after this, so a container without it runs this class all the same while the setting is off.
     */
    private static boolean enabled(ServletContext context) {
        return JwtGate.configuredValue(context, Keys.JASPIC_ENABLED).map(v -> "true".equalsIgnoreCase(v.trim()))
                .orElse(false);
    }

    /**
     * The Servlet Container Profile's application context id: virtual server name, a space, the
     * context path. Jetty answers null for the name and uses {@code server} and {@code /} for the root
     * application in its own lookup, so the id matches that there (decision 213).
     */
    static String appContext(ServletContext context) {
        String host = context.getVirtualServerName();
        if (host == null) {
            String path = context.getContextPath();
            return JETTY_DEFAULT_SERVER_NAME + " " + (path.isEmpty() ? "/" : path);
        }
        return host + " " + context.getContextPath();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (registration != null) {
            registration.remove();
            registration = null;
        }
        if (gate != null) {
            gate.close();
            gate = null;
        }
    }
}
