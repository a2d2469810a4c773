package io.jwtgate.report;

import io.jwtgate.support.Container;

class JettyReportOnlyBesideContainerSecurityTest extends ReportOnlyBesideContainerSecurityContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
