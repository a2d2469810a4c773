package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link ReportOnlySecondRoundContract} in embedded Jetty. */
class JettyReportOnlySecondRoundTest extends ReportOnlySecondRoundContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
