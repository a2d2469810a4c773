package io.jwtgate.jaspic;

import io.jwtgate.support.Container;

/** {@link ContainerSecurityContract} in embedded Jetty. */
class JettyContainerSecurityTest extends ContainerSecurityContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
