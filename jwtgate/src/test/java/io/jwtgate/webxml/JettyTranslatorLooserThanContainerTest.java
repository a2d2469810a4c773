package io.jwtgate.webxml;

import io.jwtgate.support.Container;

class JettyTranslatorLooserThanContainerTest extends TranslatorLooserThanContainerContract {

    @Override
    Container container() {
        return Container.JETTY;
    }
}
