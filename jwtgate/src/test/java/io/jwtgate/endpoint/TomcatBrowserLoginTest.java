package io.jwtgate.endpoint;

import io.jwtgate.support.Container;

/** {@link BrowserLoginContract} in embedded Tomcat 11. */
class TomcatBrowserLoginTest extends BrowserLoginContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
