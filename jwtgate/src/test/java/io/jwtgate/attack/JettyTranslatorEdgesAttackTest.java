package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link TranslatorEdgesAttackContract} in embedded Jetty. */
class JettyTranslatorEdgesAttackTest extends TranslatorEdgesAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
