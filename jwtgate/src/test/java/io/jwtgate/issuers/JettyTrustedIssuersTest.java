package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link TrustedIssuersContract} in embedded Jetty. */
class JettyTrustedIssuersTest extends TrustedIssuersContract {
    @Override
    protected Container container() {
        return Container.JETTY;
    }
}
