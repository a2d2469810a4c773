package io.jwtgate.report;

import io.jwtgate.support.Container;

/** {@link ReportOnlyContract} in embedded Jetty. */
class JettyReportOnlyTest extends ReportOnlyContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
