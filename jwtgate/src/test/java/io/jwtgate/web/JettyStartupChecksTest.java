package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link StartupChecksContract} in embedded Jetty 12 (ee10). */
class JettyStartupChecksTest extends StartupChecksContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
