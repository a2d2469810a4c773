package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link IssuerFindingsContract} in embedded Tomcat. */
class TomcatIssuerFindingsTest extends IssuerFindingsContract {
    @Override
    protected Container container() {
        return Container.TOMCAT;
    }
}
