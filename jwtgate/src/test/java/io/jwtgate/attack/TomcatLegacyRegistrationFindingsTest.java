package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyRegistrationFindingsContract} in embedded Tomcat. */
class TomcatLegacyRegistrationFindingsTest extends LegacyRegistrationFindingsContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
