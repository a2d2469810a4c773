package io.jwtgate.webxml;

import io.jwtgate.support.Container;

class TomcatTranslatorLooserThanContainerTest extends TranslatorLooserThanContainerContract {

    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
