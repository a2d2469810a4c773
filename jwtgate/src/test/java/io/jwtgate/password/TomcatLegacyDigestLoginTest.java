package io.jwtgate.password;

import io.jwtgate.support.Container;

/** {@link LegacyDigestLoginContract} in embedded Tomcat. */
class TomcatLegacyDigestLoginTest extends LegacyDigestLoginContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
