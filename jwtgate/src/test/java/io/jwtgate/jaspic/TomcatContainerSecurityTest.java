package io.jwtgate.jaspic;

import io.jwtgate.support.Container;

/** {@link ContainerSecurityContract} in embedded Tomcat. */
class TomcatContainerSecurityTest extends ContainerSecurityContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
