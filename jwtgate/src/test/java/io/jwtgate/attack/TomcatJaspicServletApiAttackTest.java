package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicServletApiAttackContract} in embedded Tomcat. */
class TomcatJaspicServletApiAttackTest extends JaspicServletApiAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
