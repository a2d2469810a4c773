package io.jwtgate.web;

import io.jwtgate.support.Container;

/** {@link TokenCacheContract} in embedded Jetty 12 (ee10). */
class JettyTokenCacheTest extends TokenCacheContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
