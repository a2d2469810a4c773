package io.jwtgate.browser;

import io.jwtgate.support.Container;

/** {@link CsrfGuardContract} in embedded Jetty 12 (ee10). */
class JettyCsrfGuardTest extends CsrfGuardContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
