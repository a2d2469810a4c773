package io.jwtgate.web;

import io.jwtgate.support.Container;

class TomcatServletApiAttackTest extends ServletApiAttackContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
