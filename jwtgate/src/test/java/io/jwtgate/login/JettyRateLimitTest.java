package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link RateLimitContract} in embedded Jetty 12 (ee10). */
class JettyRateLimitTest extends RateLimitContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
