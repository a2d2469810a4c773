package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link TokenCacheAttackContract} in embedded Jetty. */
class JettyTokenCacheAttackTest extends TokenCacheAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
