package io.jwtgate.nodes;

import io.jwtgate.support.RealDatabase;

/** Two nodes (Tomcat and Jetty) on one MariaDB schema. */
class TwoNodeMariaDbTest extends TwoNodeContract {

    @Override
    RealDatabase database() {
        return RealDatabase.MARIADB;
    }
}
