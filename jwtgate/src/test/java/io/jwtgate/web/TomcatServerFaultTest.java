package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link ServerFaultContract} in embedded Tomcat. */
class TomcatServerFaultTest extends ServerFaultContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
