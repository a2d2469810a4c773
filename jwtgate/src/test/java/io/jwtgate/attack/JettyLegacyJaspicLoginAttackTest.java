package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyJaspicLoginAttackContract} in embedded Jetty. */
class JettyLegacyJaspicLoginAttackTest extends LegacyJaspicLoginAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
