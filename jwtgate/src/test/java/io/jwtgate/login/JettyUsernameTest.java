package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link UsernameContract} in embedded Jetty 12 (ee10). */
class JettyUsernameTest extends UsernameContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
