package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link PasswordContract} in embedded Jetty 12 (ee10). */
class JettyPasswordTest extends PasswordContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
