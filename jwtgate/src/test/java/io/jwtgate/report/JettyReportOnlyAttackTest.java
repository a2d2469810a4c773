package io.jwtgate.report;

import io.jwtgate.support.Container;

class JettyReportOnlyAttackTest extends ReportOnlyAttackContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
