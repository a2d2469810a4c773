package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicNeighboursContract} in embedded Tomcat. */
class TomcatJaspicNeighboursTest extends JaspicNeighboursContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
