package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link NoHttpSessionContract} in embedded Tomcat 11. */
class TomcatNoHttpSessionTest extends NoHttpSessionContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
