package io.jwtgate.web;

import io.jwtgate.support.Container;

class TomcatAttributeExposureTest extends AttributeExposureContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
