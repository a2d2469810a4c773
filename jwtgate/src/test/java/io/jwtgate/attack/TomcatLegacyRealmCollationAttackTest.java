package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyRealmCollationAttackContract} in embedded Tomcat. */
class TomcatLegacyRealmCollationAttackTest extends LegacyRealmCollationAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
