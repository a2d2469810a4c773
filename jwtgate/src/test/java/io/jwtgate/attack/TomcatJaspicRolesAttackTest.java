package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicRolesAttackContract} in embedded Tomcat. */
class TomcatJaspicRolesAttackTest extends JaspicRolesAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
