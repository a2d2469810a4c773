package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link StartupChecksContract} in embedded Tomcat 11. */
class TomcatStartupChecksTest extends StartupChecksContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
