package io.jwtgate.issuers;

import io.jwtgate.support.Container;

/** {@link UndeployThreadsAttackContract} in embedded Jetty. */
class JettyUndeployThreadsAttackTest extends UndeployThreadsAttackContract {
    @Override
    protected Container container() {
        return Container.JETTY;
    }
}
