package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link UsernameContract} in embedded Tomcat 11. */
class TomcatUsernameTest extends UsernameContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
