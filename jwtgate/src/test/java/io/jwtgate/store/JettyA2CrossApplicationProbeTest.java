package io.jwtgate.store;

import io.jwtgate.support.Container;

class JettyA2CrossApplicationProbeTest extends A2CrossApplicationProbeContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
