package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicAttackContract} in embedded Tomcat. */
class TomcatJaspicAttackTest extends JaspicAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
