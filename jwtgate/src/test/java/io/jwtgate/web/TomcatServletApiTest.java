package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link ServletApiContract} in embedded Tomcat 11. */
class TomcatServletApiTest extends ServletApiContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
