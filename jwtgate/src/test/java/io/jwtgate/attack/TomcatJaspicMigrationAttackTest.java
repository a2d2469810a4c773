package io.jwtgate.attack;

import io.jwtgate.support.Container;

/** {@link JaspicMigrationAttackContract} in embedded Tomcat. */
class TomcatJaspicMigrationAttackTest extends JaspicMigrationAttackContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
