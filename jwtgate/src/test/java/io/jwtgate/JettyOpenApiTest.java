package io.jwtgate;

import io.jwtgate.support.Container;

/** {@link OpenApiContract} in embedded Jetty 12 (ee10). */
class JettyOpenApiTest extends OpenApiContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
