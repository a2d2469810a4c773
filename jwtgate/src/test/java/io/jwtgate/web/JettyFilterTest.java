package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link FilterContract} in embedded Jetty 12 (ee10). */
class JettyFilterTest extends FilterContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
