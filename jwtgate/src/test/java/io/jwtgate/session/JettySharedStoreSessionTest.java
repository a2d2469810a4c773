package io.jwtgate.session;

import io.jwtgate.support.Container;

class JettySharedStoreSessionTest extends SharedStoreSessionContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
