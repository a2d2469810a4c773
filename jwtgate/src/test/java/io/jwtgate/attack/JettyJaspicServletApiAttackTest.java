package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicServletApiAttackContract} in embedded Jetty. */
class JettyJaspicServletApiAttackTest extends JaspicServletApiAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
