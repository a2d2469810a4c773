package io.jwtgate.report;

import io.jwtgate.support.Container;

class TomcatReportOnlyAttackTest extends ReportOnlyAttackContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
