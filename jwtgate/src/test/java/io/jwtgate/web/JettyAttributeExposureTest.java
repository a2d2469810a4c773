package io.jwtgate.web;

import io.jwtgate.support.Container;

class JettyAttributeExposureTest extends AttributeExposureContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
