package io.jwtgate.keys;

import io.jwtgate.support.Container;

/** {@link RotationContract} in embedded Jetty 12 (ee10). */
class JettyRotationTest extends RotationContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
