package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link TokenCacheAttackContract} in embedded Tomcat. */
class TomcatTokenCacheAttackTest extends TokenCacheAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
