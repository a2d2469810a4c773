package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link TranslatorEdgesAttackContract} in embedded Tomcat. */
class TomcatTranslatorEdgesAttackTest extends TranslatorEdgesAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
