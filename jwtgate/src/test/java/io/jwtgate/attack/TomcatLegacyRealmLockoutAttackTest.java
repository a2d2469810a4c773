package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyRealmLockoutAttackContract} in embedded Tomcat. */
class TomcatLegacyRealmLockoutAttackTest extends LegacyRealmLockoutAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
