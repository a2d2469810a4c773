package io.jwtgate.webxml;

import io.jwtgate.support.Container;

class JettyContainerSecurityWarningTest extends ContainerSecurityWarningContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
