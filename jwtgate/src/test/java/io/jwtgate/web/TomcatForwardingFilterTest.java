package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link ForwardingFilterContract} in embedded Tomcat 11. */
class TomcatForwardingFilterTest extends ForwardingFilterContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
