package io.jwtgate.report;

import io.jwtgate.support.Container;

/** {@link ReportOnlyContract} in embedded Tomcat. */
class TomcatReportOnlyTest extends ReportOnlyContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
