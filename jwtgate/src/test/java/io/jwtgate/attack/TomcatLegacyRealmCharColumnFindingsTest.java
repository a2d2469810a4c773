package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyRealmCharColumnFindingsContract} in embedded Tomcat. */
class TomcatLegacyRealmCharColumnFindingsTest extends LegacyRealmCharColumnFindingsContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
