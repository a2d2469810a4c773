package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicMigrationAttackContract} in embedded Jetty. */
class JettyJaspicMigrationAttackTest extends JaspicMigrationAttackContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
