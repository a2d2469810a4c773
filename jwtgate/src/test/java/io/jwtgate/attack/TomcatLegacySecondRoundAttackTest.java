package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacySecondRoundAttackContract} in embedded Tomcat. */
class TomcatLegacySecondRoundAttackTest extends LegacySecondRoundAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
