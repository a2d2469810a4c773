package io.jwtgate.keys;

import io.jwtgate.support.Container;

/** {@link JwksEndpointContract} in embedded Tomcat. */
class TomcatJwksEndpointTest extends JwksEndpointContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
