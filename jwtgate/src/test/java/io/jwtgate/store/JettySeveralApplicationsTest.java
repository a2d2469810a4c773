package io.jwtgate.store;

import io.jwtgate.support.Container;

class JettySeveralApplicationsTest extends SeveralApplicationsContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
