package io.jwtgate;

import io.jwtgate.support.Container;

/** {@link OpenApiContract} in embedded Tomcat 11. */
class TomcatOpenApiTest extends OpenApiContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
