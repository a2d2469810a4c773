package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyJaspicLoginAttackContract} in embedded Tomcat. */
class TomcatJaspicLegacyLoginAttackTest extends LegacyJaspicLoginAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
