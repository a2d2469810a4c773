package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises schema migrations between nodes starting together on one store (decision 503). On
 * PostgreSQL and MariaDB a session-level lock of the migrating connection, which survives the implicit
 * commits of DDL: {@code pg_advisory_lock} (keyed by the current schema) and {@code GET_LOCK} (named
 * after the current database). An embedded H2 database can be opened by one JVM only, so a lock of
 * this class loader serves there. A wait longer than the bound ({@link #WAIT} at start) fails with a
 * {@link StoreException}.
 */
abstract class MigrationLock {

    /** How long a node waits for another node's migration before it gives up starting. */
    static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * One lock for every H2 database of this class loader: H2 migrations take milliseconds, and an
     * H2 file is never shared with another JVM, so no finer key is needed.
     */
    private static final ReentrantLock H2_MIGRATIONS = new ReentrantLock();

    private final Duration wait;

    MigrationLock(Duration wait) {
        this.wait = wait;
    }

    /** Takes the lock for {@code c}'s store; {@link #release} in a finally block. */
    abstract void acquire(Connection c) throws SQLException;

    abstract void release(Connection c) throws SQLException;

    /** The lock of the dialect's stores, waiting at most {@code wait} (whole seconds, at least one). */
    static MigrationLock of(Dialect dialect, Duration wait) {
        Duration bound = wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
        return switch (dialect) {
            case POSTGRESQL -> new Postgres(bound);
            case MARIADB -> new MariaDb(bound);
            case H2 -> new InThisJvm(bound);
        };
    }

    long waitSeconds() {
        return wait.toSeconds();
    }

    StoreException timedOut() {
        return new StoreException("another node has been creating or upgrading the schema for more than "
                + waitSeconds() + " s; start this node again when it has finished, or end a node stuck in"
                + " the migration", null);
    }

    private static final class Postgres extends MigrationLock {
        private static final String KEY = "hashtext('jwtgate_schema'), hashtext(current_schema())";

        Postgres(Duration wait) {
            super(wait);
        }

        @Override
        void acquire(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                // lock_timeout bounds the wait of pg_advisory_lock; RESET gives back the session's own value.
                s.execute("SET lock_timeout = '" + waitSeconds() + "s'");
                try {
                    s.execute("SELECT pg_advisory_lock(" + KEY + ")");
                } catch (SQLException e) {
                    if ("55P03".equals(e.getSQLState())) {
                        throw timedOut();
                    }
                    throw e;
                } finally {
                    s.execute("RESET lock_timeout");
                }
            }
        }

        @Override
        void release(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(" + KEY + ")");
            }
        }
    }

    private static final class MariaDb extends MigrationLock {
        private static final String NAME = "CONCAT('jwtgate_schema.', DATABASE())";

        MariaDb(Duration wait) {
            super(wait);
        }

        @Override
        void acquire(Connection c) throws SQLException {
            try (PreparedStatement p = c.prepareStatement("SELECT GET_LOCK(" + NAME + ", ?)")) {
                p.setLong(1, waitSeconds());
                try (ResultSet rs = p.executeQuery()) {
                    // 1: taken; 0: the wait ran out; NULL: an error (e.g. the session was killed).
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw timedOut();
                    }
                }
            }
        }

        @Override
        void release(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT RELEASE_LOCK(" + NAME + ")");
            }
        }
    }

    private static final class InThisJvm extends MigrationLock {
        InThisJvm(Duration wait) {
            super(wait);
        }

        @Override
        void acquire(Connection c) {
            try {
                if (!H2_MIGRATIONS.tryLock(waitSeconds(), TimeUnit.SECONDS)) {
                    throw timedOut();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the schema migration lock", e);
            }
        }

        @Override
        void release(Connection c) {
            H2_MIGRATIONS.unlock();
        }
    }
}
