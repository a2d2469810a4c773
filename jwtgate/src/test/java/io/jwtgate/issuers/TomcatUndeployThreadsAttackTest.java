package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link UndeployThreadsAttackContract} in embedded Tomcat. */
class TomcatUndeployThreadsAttackTest extends UndeployThreadsAttackContract {
    @Override
    protected Container container() {
        return Container.TOMCAT;
    }
}
