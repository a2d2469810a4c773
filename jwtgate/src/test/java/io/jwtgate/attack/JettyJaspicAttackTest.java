package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicAttackContract} in embedded Jetty. */
class JettyJaspicAttackTest extends JaspicAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
