package io.jwtgate.webxml;

import io.jwtgate.support.Container;

class JettyWebXmlEquivalenceTest extends WebXmlEquivalenceContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
