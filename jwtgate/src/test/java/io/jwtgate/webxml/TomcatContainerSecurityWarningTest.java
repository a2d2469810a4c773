package io.jwtgate.webxml;

import io.jwtgate.support.Container;

class TomcatContainerSecurityWarningTest extends ContainerSecurityWarningContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
