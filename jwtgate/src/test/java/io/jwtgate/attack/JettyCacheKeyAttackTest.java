package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link CacheKeyAttackContract} in embedded Jetty. */
class JettyCacheKeyAttackTest extends CacheKeyAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
