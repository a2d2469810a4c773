package io.jwtgate.sample;

import io.jwtgate.support.RealDatabase;
import java.util.List;

/**
 * {@link RealDatabase} for this suite, whose WARs carry the PostgreSQL and MariaDB drivers too. A
 * test that deployed the WAR may have been the first to touch {@code DriverManager}, which then
 * registered only the WAR's copies of the drivers (and the container dropped them at undeploy);
 * {@code DriverManager} hands a caller only drivers of its own class loader, so the test class
 * path's copies are loaded here before a schema is made.
 */
final class SampleDatabases {

    private static final List<String> DRIVERS = List.of("org.postgresql.Driver", "org.mariadb.jdbc.Driver");

    private SampleDatabases() {
    }

    /** A fresh schema on {@code engine} (skipped without the server, failed under CI, as RealDatabase does). */
    static RealDatabase.Schema create(RealDatabase engine) {
        for (String driver : DRIVERS) {
            try {
                // Initialising the class registers it with DriverManager.
                Class.forName(driver, true, RealDatabase.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(driver + " is not on the test class path", e);
            }
        }
        return engine.create();
    }
}
