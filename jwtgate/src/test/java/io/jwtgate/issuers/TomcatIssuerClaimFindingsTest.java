package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link IssuerClaimFindingsContract} in embedded Tomcat. */
class TomcatIssuerClaimFindingsTest extends IssuerClaimFindingsContract {
    @Override
    protected Container container() {
        return Container.TOMCAT;
    }
}
