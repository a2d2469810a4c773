package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicNeighboursContract} in embedded Jetty. */
class JettyJaspicNeighboursTest extends JaspicNeighboursContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
