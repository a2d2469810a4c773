package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link BasicCsrfContract} in embedded Tomcat 11. */
class TomcatBasicCsrfTest extends BasicCsrfContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
