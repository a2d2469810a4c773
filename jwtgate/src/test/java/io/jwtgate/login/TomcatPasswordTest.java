package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link PasswordContract} in embedded Tomcat 11. */
class TomcatPasswordTest extends PasswordContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
