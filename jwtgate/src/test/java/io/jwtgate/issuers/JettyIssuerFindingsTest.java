package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link IssuerFindingsContract} in embedded Jetty. */
class JettyIssuerFindingsTest extends IssuerFindingsContract {
    @Override
    protected Container container() {
        return Container.JETTY;
    }
}
