package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link TokenCacheFindingsContract} in embedded Tomcat. */
class TomcatTokenCacheFindingsTest extends TokenCacheFindingsContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
