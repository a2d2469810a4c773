package io.jwtgate.session;

import io.jwtgate.support.Container;

class TomcatSharedStoreSessionTest extends SharedStoreSessionContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
