package io.jwtgate.keys;

import io.jwtgate.support.Container;

/** {@link JwksEndpointAttackContract} in embedded Tomcat. */
class TomcatJwksEndpointAttackTest extends JwksEndpointAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
