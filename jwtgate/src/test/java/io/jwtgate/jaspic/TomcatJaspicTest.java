package io.jwtgate.jaspic;

import io.jwtgate.support.Container;

/** {@link JaspicContract} in embedded Tomcat, whose authenticators consult JASPIC without any switch. */
class TomcatJaspicTest extends JaspicContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }

    @Override
    boolean needsServerSideSwitch() {
        return false;
    }
}
