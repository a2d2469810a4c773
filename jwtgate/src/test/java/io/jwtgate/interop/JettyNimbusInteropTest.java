package io.jwtgate.interop;

import io.jwtgate.support.Container;

/** {@link NimbusInteropContract} in embedded Jetty 12 (ee10). */
class JettyNimbusInteropTest extends NimbusInteropContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
