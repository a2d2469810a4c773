package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link ServletApiContract} in embedded Jetty 12 (ee10). */
class JettyServletApiTest extends ServletApiContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
