package io.jwtgate.web;

import io.jwtgate.support.Container;

class JettyServletApiAttackTest extends ServletApiAttackContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
