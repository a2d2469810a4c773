package io.jwtgate.store;

import io.jwtgate.support.Container;

class TomcatSeveralApplicationsTest extends SeveralApplicationsContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
