package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link RateLimitContract} in embedded Tomcat 11. */
class TomcatRateLimitTest extends RateLimitContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
