package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicSecondRoundContract} in embedded Jetty. */
class JettyJaspicSecondRoundTest extends JaspicSecondRoundContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
