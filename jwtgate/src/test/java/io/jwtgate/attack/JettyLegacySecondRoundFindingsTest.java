package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacySecondRoundFindingsContract} in embedded Jetty. */
class JettyLegacySecondRoundFindingsTest extends LegacySecondRoundFindingsContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
