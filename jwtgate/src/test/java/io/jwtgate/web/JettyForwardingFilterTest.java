package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link ForwardingFilterContract} in embedded Jetty 12 (ee10). */
class JettyForwardingFilterTest extends ForwardingFilterContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
