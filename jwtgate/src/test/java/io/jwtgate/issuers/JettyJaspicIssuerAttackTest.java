package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link JaspicIssuerAttackContract} in embedded Jetty. */
class JettyJaspicIssuerAttackTest extends JaspicIssuerAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
