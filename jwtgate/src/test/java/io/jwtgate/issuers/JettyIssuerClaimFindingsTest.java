package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link IssuerClaimFindingsContract} in embedded Jetty. */
class JettyIssuerClaimFindingsTest extends IssuerClaimFindingsContract {
    @Override
    protected Container container() {
        return Container.JETTY;
    }
}
