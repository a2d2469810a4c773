package io.jwtgate.session;

import io.jwtgate.support.Container;

/** {@link RevocationContract} in embedded Jetty 12 (ee10). */
class JettyRevocationTest extends RevocationContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
