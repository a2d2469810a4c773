package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link IssuerAttackContract} in embedded Tomcat. */
class TomcatIssuerAttackTest extends IssuerAttackContract {
    @Override
    protected Container container() {
        return Container.TOMCAT;
    }
}
