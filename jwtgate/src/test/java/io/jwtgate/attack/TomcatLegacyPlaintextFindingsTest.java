package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyPlaintextFindingsContract} in embedded Tomcat. */
class TomcatLegacyPlaintextFindingsTest extends LegacyPlaintextFindingsContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
