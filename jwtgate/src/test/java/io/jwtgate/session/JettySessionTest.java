package io.jwtgate.session;

import io.jwtgate.support.Container;

/** {@link SessionContract} in embedded Jetty 12 (ee10). */
class JettySessionTest extends SessionContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
