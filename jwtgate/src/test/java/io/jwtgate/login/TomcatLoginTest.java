package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link LoginContract} in embedded Tomcat 11. */
class TomcatLoginTest extends LoginContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
