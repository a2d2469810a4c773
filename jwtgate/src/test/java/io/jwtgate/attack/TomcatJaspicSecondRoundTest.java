package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicSecondRoundContract} in embedded Tomcat. */
class TomcatJaspicSecondRoundTest extends JaspicSecondRoundContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
