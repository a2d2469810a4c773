package io.jwtgate.endpoint;

import io.jwtgate.support.Container;

/** {@link BrowserLoginContract} in embedded Jetty 12 (ee10). */
class JettyBrowserLoginTest extends BrowserLoginContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
