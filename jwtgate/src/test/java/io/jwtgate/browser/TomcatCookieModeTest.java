package io.jwtgate.browser;

import io.jwtgate.support.Container;

/** {@link CookieModeContract} in embedded Tomcat 11. */
class TomcatCookieModeTest extends CookieModeContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
