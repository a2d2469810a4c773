package io.jwtgate.webxml;

import io.jwtgate.support.Container;

class TomcatWebXmlEquivalenceTest extends WebXmlEquivalenceContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
