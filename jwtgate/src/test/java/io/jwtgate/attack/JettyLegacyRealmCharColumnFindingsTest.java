package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link LegacyRealmCharColumnFindingsContract} in embedded Jetty. */
class JettyLegacyRealmCharColumnFindingsTest extends LegacyRealmCharColumnFindingsContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
