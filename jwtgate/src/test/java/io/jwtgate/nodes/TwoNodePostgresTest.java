package io.jwtgate.nodes;

import io.jwtgate.support.RealDatabase;

/** Two nodes (Tomcat and Jetty) on one PostgreSQL schema. */
class TwoNodePostgresTest extends TwoNodeContract {

    @Override
    RealDatabase database() {
        return RealDatabase.POSTGRESQL;
    }
}
