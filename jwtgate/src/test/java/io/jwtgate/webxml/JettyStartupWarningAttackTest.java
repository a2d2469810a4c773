package io.jwtgate.webxml;

import io.jwtgate.support.Container;

class JettyStartupWarningAttackTest extends StartupWarningAttackContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
