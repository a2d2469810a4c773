package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyPlaintextFindingsContract} in embedded Jetty. */
class JettyLegacyPlaintextFindingsTest extends LegacyPlaintextFindingsContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
