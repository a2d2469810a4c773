package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link TokenCacheContract} in embedded Tomcat. */
class TomcatTokenCacheTest extends TokenCacheContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
