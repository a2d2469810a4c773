package io.jwtgate.jaspic;

import io.jwtgate.support.Container;

/** {@link JaspicContract} in embedded Jetty 12 ee10, with the ee10-jaspi switch installed by the engine. */
class JettyJaspicTest extends JaspicContract {
    @Override
    Container container() {
        return Container.JETTY;
    }

    @Override
    boolean judgesUnconstrainedRequests() {
        return false;
    }

    @Override
    boolean logoutReachesTheModule() {
        return false;
    }

    @Override
    boolean needsServerSideSwitch() {
        return true;
    }
}
