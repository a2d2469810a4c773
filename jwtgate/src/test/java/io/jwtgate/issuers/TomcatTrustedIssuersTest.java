package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link TrustedIssuersContract} in embedded Tomcat. */
class TomcatTrustedIssuersTest extends TrustedIssuersContract {
    @Override
    protected Container container() {
        return Container.TOMCAT;
    }
}
