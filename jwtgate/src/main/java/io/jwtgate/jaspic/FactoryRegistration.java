package io.jwtgate.jaspic;

import io.jwtgate.config.Keys;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;

/**
 * One registration in the JVM-wide {@link AuthConfigFactory}. Kept apart from
 * {@link JaspicRegistration} so that only an application with {@code jwtgate.jaspic.enabled=true}
 * loads the Jakarta Authentication API: a container without it starts the listener all the same.
 */
final class FactoryRegistration {

    private final AuthConfigFactory factory;
    private final String id;

    private FactoryRegistration(AuthConfigFactory factory, String id) {
        this.factory = factory;
        this.id = id;
    }

    /** Registers {@code provider} through the standard API (no 3.0-only method: JASPIC 1.1 has it too). */
    static FactoryRegistration register(AuthConfigProvider provider, String layer, String appContext) {
        AuthConfigFactory factory;
        try {
            factory = AuthConfigFactory.getFactory();
        } catch (RuntimeException e) {
            // The API jar's own getFactory throws when no factory class is configured and none can load.
            throw noFactory(e);
        }
        if (factory == null) {
            throw noFactory(null);
        }
        return new FactoryRegistration(factory, factory.registerConfigProvider(provider, layer, appContext, "JwtGate"));
    }

    private static IllegalStateException noFactory(RuntimeException cause) {
        // Fail closed: the operator asked for the container's security to ask JwtGate, and it cannot.
        return new IllegalStateException(Keys.JASPIC_ENABLED + "=true, but the container has no Jakarta"
                + " Authentication factory (on Jetty enable the ee10-jaspi module; see docs/jaspic.md)", cause);
    }

    /** Removes the registration, so a redeployed application leaves nothing behind. */
    void remove() {
        factory.removeRegistration(id);
    }
}
