package io.jwtgate.password;

import io.jwtgate.support.Container;

/** {@link LegacyDigestLoginContract} in embedded Jetty 12. */
class JettyLegacyDigestLoginTest extends LegacyDigestLoginContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
