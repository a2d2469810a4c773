package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link NoHttpSessionContract} in embedded Jetty 12 (ee10). */
class JettyNoHttpSessionTest extends NoHttpSessionContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
