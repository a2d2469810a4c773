package io.jwtgate.interop;

import io.jwtgate.support.Container;

/** {@link NimbusInteropContract} in embedded Tomcat 11. */
class TomcatNimbusInteropTest extends NimbusInteropContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
