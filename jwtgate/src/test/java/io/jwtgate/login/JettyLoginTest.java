package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link LoginContract} in embedded Jetty 12 (ee10). */
class JettyLoginTest extends LoginContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
