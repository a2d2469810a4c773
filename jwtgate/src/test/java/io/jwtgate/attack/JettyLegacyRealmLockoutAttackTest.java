package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyRealmLockoutAttackContract} in embedded Jetty. */
class JettyLegacyRealmLockoutAttackTest extends LegacyRealmLockoutAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
