package io.jwtgate.web;

import io.jwtgate.support.Container;

class TomcatSharedJvmTest extends SharedJvmContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
