package io.jwtgate.attack;

import io.jwtgate.support.Container;

/**
 * {@link LegacyJaspicLoginAttackContract} in embedded Jetty; named {@code JettyJaspic*} so that the javax build, which
 * has no Jetty ee8 JASPI module, leaves it out as it does the other Jetty JASPIC probes.
 */
class JettyJaspicLegacyLoginAttackTest extends LegacyJaspicLoginAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
