package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyRealmCollationAttackContract} in embedded Jetty. */
class JettyLegacyRealmCollationAttackTest extends LegacyRealmCollationAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
