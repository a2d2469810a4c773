package io.jwtgate.metrics;

import io.jwtgate.support.Container;

class TomcatMetricsTest extends MetricsContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
