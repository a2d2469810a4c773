package io.jwtgate.web;

import io.jwtgate.support.Container;

class JettySharedJvmTest extends SharedJvmContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
