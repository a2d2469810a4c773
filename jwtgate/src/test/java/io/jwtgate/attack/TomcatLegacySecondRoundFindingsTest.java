package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacySecondRoundFindingsContract} in embedded Tomcat. */
class TomcatLegacySecondRoundFindingsTest extends LegacySecondRoundFindingsContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
