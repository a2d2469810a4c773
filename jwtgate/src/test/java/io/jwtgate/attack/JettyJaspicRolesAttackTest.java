package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicRolesAttackContract} in embedded Jetty. */
class JettyJaspicRolesAttackTest extends JaspicRolesAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
