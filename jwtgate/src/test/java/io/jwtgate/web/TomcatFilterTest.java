package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link FilterContract} in embedded Tomcat 11. */
class TomcatFilterTest extends FilterContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
