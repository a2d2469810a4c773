package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link SplitPathAttackContract} in embedded Tomcat. */
class TomcatSplitPathAttackTest extends SplitPathAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
