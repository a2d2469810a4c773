package io.jwtgate.keys;

import io.jwtgate.support.Container;

/** {@link JwksEndpointContract} in embedded Jetty 12 (ee10). */
class JettyJwksEndpointTest extends JwksEndpointContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
