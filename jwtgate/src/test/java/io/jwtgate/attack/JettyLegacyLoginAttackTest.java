package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyLoginAttackContract} in embedded Jetty. */
class JettyLegacyLoginAttackTest extends LegacyLoginAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
