package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link ThrottleContract} in embedded Jetty 12 (ee10). */
class JettyThrottleTest extends ThrottleContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
