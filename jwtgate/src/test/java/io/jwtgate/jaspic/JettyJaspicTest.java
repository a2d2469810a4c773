package io.jwtgate.jaspic;

import io.jwtgate.support.Container;

/**
 * {@link JaspicContract} in embedded Jetty 12 ee10, with the ee10-jaspi switch installed by the engine.
 * Jetty 12.1 asks the module nothing about unconstrained requests and never calls {@code cleanSubject};
 * JwtAuthFilter, declared here as the jar's fragment declares it, judges those requests and owns
 * {@code request.logout()}, so the application sees what it sees on Tomcat (decision 306).
 */
class JettyJaspicTest extends JaspicContract {
    @Override
    Container container() {
        return Container.JETTY;
    }

    @Override
    boolean needsServerSideSwitch() {
        return true;
    }
}
