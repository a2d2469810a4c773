package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link ServerFaultContract} in embedded Jetty. */
class JettyServerFaultTest extends ServerFaultContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
