package io.jwtgate.report;

import io.jwtgate.support.Container;

class TomcatReportOnlyBesideContainerSecurityTest extends ReportOnlyBesideContainerSecurityContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
