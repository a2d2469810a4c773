package io.jwtgate.webxml;

import io.jwtgate.support.Container;

class TomcatStartupWarningAttackTest extends StartupWarningAttackContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
