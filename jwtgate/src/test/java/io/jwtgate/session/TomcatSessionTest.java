package io.jwtgate.session;

import io.jwtgate.support.Container;

/** {@link SessionContract} in embedded Tomcat 11. */
class TomcatSessionTest extends SessionContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
