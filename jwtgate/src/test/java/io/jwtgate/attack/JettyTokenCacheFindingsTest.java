package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link TokenCacheFindingsContract} in embedded Jetty. */
class JettyTokenCacheFindingsTest extends TokenCacheFindingsContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
