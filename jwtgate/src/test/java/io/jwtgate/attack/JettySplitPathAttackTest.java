package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link SplitPathAttackContract} in embedded Jetty. */
class JettySplitPathAttackTest extends SplitPathAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
