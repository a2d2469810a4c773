package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link BasicCsrfContract} in embedded Jetty 12 (ee10). */
class JettyBasicCsrfTest extends BasicCsrfContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
