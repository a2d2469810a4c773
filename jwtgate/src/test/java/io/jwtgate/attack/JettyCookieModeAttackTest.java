package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link CookieModeAttackContract} in embedded Jetty 12 (ee10). */
class JettyCookieModeAttackTest extends CookieModeAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
