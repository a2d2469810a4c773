package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link CookieModeAttackContract} in embedded Tomcat 11. */
class TomcatCookieModeAttackTest extends CookieModeAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
