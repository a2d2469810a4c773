package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacySecondRoundAttackContract} in embedded Jetty. */
class JettyLegacySecondRoundAttackTest extends LegacySecondRoundAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
