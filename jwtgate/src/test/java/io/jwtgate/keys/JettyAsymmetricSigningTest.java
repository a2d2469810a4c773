package io.jwtgate.keys;

import io.jwtgate.support.Container;

/** {@link AsymmetricSigningContract} in embedded Jetty 12 (ee10). */
class JettyAsymmetricSigningTest extends AsymmetricSigningContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
