package io.jwtgate.session;

import io.jwtgate.support.Container;

/** {@link RevocationContract} in embedded Tomcat 11. */
class TomcatRevocationTest extends RevocationContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
