package io.jwtgate.support.engine;

import jakarta.security.auth.message.config.AuthConfigFactory;
import java.util.List;
import java.util.Objects;

/**
 * The server-side switch Jetty 12 ee10 needs before it asks a Jakarta Authentication module: a
 * {@code DefaultAuthConfigFactory} as the JVM's {@link AuthConfigFactory} (what the
 * {@code ee10-jaspi} module of a Jetty distribution does; its jar's {@code JaspiAuthenticatorFactory}
 * is found by the security handler itself). The class comes from {@code jetty-ee10-jaspi}, which is
 * not published for Jetty 12.1: the build takes it out of the jetty-home archive and adds it to the
 * test class path at run time only (decision 212), so it is named here rather than imported.
 *
 * <p>The factory is JVM-wide: the previous one is put back when the server stops, so a Tomcat started
 * later in the same JVM finds its own.
 */
final class JettyEngineJaspiSwitch implements AutoCloseable {

    private static final String FACTORY = "org.eclipse.jetty.ee10.security.jaspi.DefaultAuthConfigFactory";

    private final AuthConfigFactory previous;
    private final boolean installed;

    private JettyEngineJaspiSwitch(AuthConfigFactory previous, boolean installed) {
        this.previous = previous;
        this.installed = installed;
    }

    /** Installs Jetty's factory when one of {@code deployments} asks for JASPIC; otherwise changes nothing. */
    static JettyEngineJaspiSwitch install(List<Deployment> deployments) {
        boolean wanted = deployments.stream().map(Deployment::security).filter(Objects::nonNull)
                .anyMatch(Security::jaspic);
        if (!wanted) {
            return new JettyEngineJaspiSwitch(null, false);
        }
        AuthConfigFactory previous = currentFactory();
        AuthConfigFactory.setFactory((AuthConfigFactory) instance(FACTORY));
        return new JettyEngineJaspiSwitch(previous, true);
    }

    private static AuthConfigFactory currentFactory() {
        try {
            return AuthConfigFactory.getFactory();
        } catch (RuntimeException e) {
            // The API jar's own getFactory throws when no factory is configured for the JVM.
            return null;
        }
    }

    private static Object instance(String className) {
        try {
            return Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + " is not on the test class path (jetty-ee10-jaspi from"
                    + " jetty-home, see jwtgate/pom.xml)", e);
        }
    }

    @Override
    public void close() {
        if (installed) {
            AuthConfigFactory.setFactory(previous);
        }
    }
}
