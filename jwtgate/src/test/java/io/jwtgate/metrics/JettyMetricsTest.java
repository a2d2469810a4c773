package io.jwtgate.metrics;

import io.jwtgate.support.Container;

class JettyMetricsTest extends MetricsContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
