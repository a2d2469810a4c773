package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link ReportOnlySecondRoundContract} in embedded Tomcat. */
class TomcatReportOnlySecondRoundTest extends ReportOnlySecondRoundContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
