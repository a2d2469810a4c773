package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link JaspicIssuerAttackContract} in embedded Tomcat. */
class TomcatJaspicIssuerAttackTest extends JaspicIssuerAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
