package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link CacheKeyAttackContract} in embedded Tomcat. */
class TomcatCacheKeyAttackTest extends CacheKeyAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
