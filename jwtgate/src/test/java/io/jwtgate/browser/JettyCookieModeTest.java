package io.jwtgate.browser;

import io.jwtgate.support.Container;

/** {@link CookieModeContract} in embedded Jetty 12 (ee10). */
class JettyCookieModeTest extends CookieModeContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
