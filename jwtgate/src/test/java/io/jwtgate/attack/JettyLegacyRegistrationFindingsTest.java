package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyRegistrationFindingsContract} in embedded Jetty. */
class JettyLegacyRegistrationFindingsTest extends LegacyRegistrationFindingsContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
