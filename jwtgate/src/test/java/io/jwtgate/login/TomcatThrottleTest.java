package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link ThrottleContract} in embedded Tomcat 11. */
class TomcatThrottleTest extends ThrottleContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
