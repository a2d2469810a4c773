package io.jwtgate.browser;

import io.jwtgate.support.Container;

/** {@link CsrfGuardContract} in embedded Tomcat 11. */
class TomcatCsrfGuardTest extends CsrfGuardContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
