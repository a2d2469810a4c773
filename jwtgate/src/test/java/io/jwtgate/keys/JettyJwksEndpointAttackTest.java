package io.jwtgate.keys;

import io.jwtgate.support.Container;

/** {@link JwksEndpointAttackContract} in embedded Jetty. */
class JettyJwksEndpointAttackTest extends JwksEndpointAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
