package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyLoginAttackContract} in embedded Tomcat. */
class TomcatLegacyLoginAttackTest extends LegacyLoginAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
