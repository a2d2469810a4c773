package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link IssuerAttackContract} in embedded Jetty. */
class JettyIssuerAttackTest extends IssuerAttackContract {
    @Override
    protected Container container() {
        return Container.JETTY;
    }
}
