package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Creates or upgrades the {@code jwtgate_*} tables. Each migration runs once: a database lock
 * ({@link MigrationLock}) keeps nodes starting together from applying a step twice, and each step's
 * version row records it.
 */
final class Schema {

    /** Migration N is element N-1: append new steps, never edit old ones. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("CREATE TABLE IF NOT EXISTS jwtgate_users ("
                    + " id VARCHAR(36) NOT NULL PRIMARY KEY,"
                    + " username VARCHAR(100)${bin} NOT NULL,"
                    + " email VARCHAR(254)${bin},"
                    + " password_hash VARCHAR(100) NOT NULL,"
                    + " roles VARCHAR(1000) NOT NULL,"
                    + " enabled BOOLEAN NOT NULL,"
                    + " created_at BIGINT NOT NULL,"
                    + " updated_at BIGINT NOT NULL,"
                    + " CONSTRAINT jwtgate_users_username UNIQUE (username),"
                    + " CONSTRAINT jwtgate_users_email UNIQUE (email))${table}"),
            List.of("CREATE TABLE IF NOT EXISTS jwtgate_refresh_tokens ("
                            + " token_hash VARCHAR(64) NOT NULL PRIMARY KEY,"
                            + " session_id VARCHAR(64) NOT NULL,"
                            + " user_id VARCHAR(36) NOT NULL,"
                            + " scopes VARCHAR(2000) NOT NULL,"
                            + " created_at BIGINT NOT NULL,"
                            + " expires_at BIGINT NOT NULL,"
                            + " session_expires_at BIGINT NOT NULL,"
                            + " spent_at BIGINT,"
                            + " revoked BOOLEAN NOT NULL)${table}",
                    "CREATE INDEX IF NOT EXISTS jwtgate_refresh_session ON jwtgate_refresh_tokens (session_id)",
                    "CREATE INDEX IF NOT EXISTS jwtgate_refresh_user ON jwtgate_refresh_tokens (user_id)",
                    "CREATE TABLE IF NOT EXISTS jwtgate_access_tokens ("
                            + " jti VARCHAR(64) NOT NULL PRIMARY KEY,"
                            + " session_id VARCHAR(64) NOT NULL,"
                            + " user_id VARCHAR(36) NOT NULL,"
                            + " expires_at BIGINT NOT NULL)${table}",
                    "CREATE INDEX IF NOT EXISTS jwtgate_access_user ON jwtgate_access_tokens (user_id)",
                    "CREATE TABLE IF NOT EXISTS jwtgate_revocations ("
                            + " kind VARCHAR(8) NOT NULL,"
                            + " token_value VARCHAR(64) NOT NULL,"
                            + " created_at BIGINT NOT NULL,"
                            + " expires_at BIGINT NOT NULL,"
                            + " PRIMARY KEY (kind, token_value))${table}",
                    "CREATE INDEX IF NOT EXISTS jwtgate_revocations_created ON jwtgate_revocations (created_at)",
                    "CREATE TABLE IF NOT EXISTS jwtgate_login_failures ("
                            + " scope VARCHAR(8) NOT NULL,"
                            + " subject VARCHAR(400)${bin} NOT NULL,"
                            + " failed_at BIGINT NOT NULL)${table}",
                    "CREATE INDEX IF NOT EXISTS jwtgate_login_failures_key ON jwtgate_login_failures (scope, subject, failed_at)",
                    "CREATE TABLE IF NOT EXISTS jwtgate_audit_events ("
                            + " id VARCHAR(36) NOT NULL PRIMARY KEY,"
                            + " occurred_at BIGINT NOT NULL,"
                            + " event VARCHAR(40) NOT NULL,"
                            + " username VARCHAR(400)${bin},"
                            + " client_address VARCHAR(64),"
                            + " details VARCHAR(2000) NOT NULL)${table}",
                    "CREATE INDEX IF NOT EXISTS jwtgate_audit_event ON jwtgate_audit_events (event, occurred_at)"),
            // sessions
            List.of("ALTER TABLE jwtgate_access_tokens ADD COLUMN IF NOT EXISTS issued_at BIGINT"),
            // login
            List.of("ALTER TABLE jwtgate_login_failures ADD COLUMN IF NOT EXISTS attempt_id VARCHAR(36)"),
            // usernames (issue 8): the look-alike key of each name, unique; NULLs (legacy collisions) do not
            // collide. UserStore.backfillNameKeys fills it at start.
            List.of("ALTER TABLE jwtgate_users ADD COLUMN IF NOT EXISTS name_key VARCHAR(64)",
                    "CREATE UNIQUE INDEX IF NOT EXISTS jwtgate_users_name_key ON jwtgate_users (name_key)"),
            // sessions per application (issue 8): the SHA-256 of the audience that issued each row, so
            // applications sharing a store honour only their own sessions. NULL in older rows: a
            // legacy refresh session is adopted by the first application that presents it.
            List.of("ALTER TABLE jwtgate_refresh_tokens ADD COLUMN IF NOT EXISTS audience_hash VARCHAR(64)",
                    "ALTER TABLE jwtgate_access_tokens ADD COLUMN IF NOT EXISTS audience_hash VARCHAR(64)"),
            // usernames, second round (issue 8): the key folds case after the skeleton too and trims . _ - @ at the
            // ends (decisions 137 and 141); forget the old keys so that UserStore.backfillNameKeys computes them
            // again at this start, oldest account first.
            List.of("UPDATE jwtgate_users SET name_key = NULL"),
            // legacy user stores (issue 11): a password hash may be an older system's digest until its first
            // login replaces it with bcrypt; Tomcat's salted SHA-512 and PBKDF2 forms exceed 100 characters.
            List.of("ALTER TABLE jwtgate_users ${retype:password_hash:VARCHAR(512) NOT NULL}"),
            // several nodes (issue 13): revocations become an append-only log numbered by the database, so a
            // node reads only the rows after the last number it has seen; revoking again appends a row. The
            // unexpired rows of jwtgate_revocations are carried over; that table is no longer written.
            List.of("CREATE TABLE IF NOT EXISTS jwtgate_revocation_log ("
                            + " seq ${identity} NOT NULL PRIMARY KEY,"
                            + " kind VARCHAR(8) NOT NULL,"
                            + " token_value VARCHAR(64) NOT NULL,"
                            + " created_at BIGINT NOT NULL,"
                            + " expires_at BIGINT NOT NULL)${table}",
                    "CREATE INDEX IF NOT EXISTS jwtgate_revocation_log_expiry ON jwtgate_revocation_log (expires_at)",
                    // The session cap asks whether a session is revoked on every login.
                    "CREATE INDEX IF NOT EXISTS jwtgate_revocation_log_value ON jwtgate_revocation_log (token_value, kind)",
                    "INSERT INTO jwtgate_revocation_log (kind, token_value, created_at, expires_at)"
                            + " SELECT kind, token_value, created_at, expires_at FROM jwtgate_revocations"),
            // retention (issue 13): purges by age walk these indexes in batches; a lease row lets one node at a
            // time run a purge.
            List.of("CREATE INDEX IF NOT EXISTS jwtgate_audit_time ON jwtgate_audit_events (occurred_at)",
                    "CREATE INDEX IF NOT EXISTS jwtgate_login_failures_time ON jwtgate_login_failures (failed_at)",
                    "CREATE TABLE IF NOT EXISTS jwtgate_leases ("
                            + " name VARCHAR(40) NOT NULL PRIMARY KEY,"
                            + " holder VARCHAR(64) NOT NULL,"
                            + " expires_at BIGINT NOT NULL)${table}"),
            // several nodes, second round (issue 13): a login's reservation is pending while its password is
            // checked, so that attempts in flight are told apart from failures (decision 570). Older rows, and
            // rows written by nodes not yet upgraded, are failures.
            List.of("ALTER TABLE jwtgate_login_failures ADD COLUMN IF NOT EXISTS pending BOOLEAN DEFAULT FALSE NOT NULL"));

    private Schema() {
    }

    /** The newest schema version this code knows. */
    static int latestVersion() {
        return MIGRATIONS.size();
    }

    static void migrate(Database db, Clock clock) {
        migrateUpTo(db, clock, MIGRATIONS.size());
    }

    /**
     * Brings the schema to {@code target} (at most the latest): tests build a store of an earlier
     * version with it. Under {@link MigrationLock}, so of nodes starting together on an empty store one
     * runs each step and the others find it recorded.
     */
    static void migrateUpTo(Database db, Clock clock, int target) {
        migrateUpTo(db, clock, target, MigrationLock.WAIT);
    }

    /** {@link #migrateUpTo(Database, Clock, int)} waiting at most {@code wait} for another node's migration. */
    static void migrateUpTo(Database db, Clock clock, int target, Duration wait) {
        if (target < 1 || target > MIGRATIONS.size()) {
            throw new IllegalArgumentException("schema version " + target + " is not in 1.." + MIGRATIONS.size());
        }
        MigrationLock lock = MigrationLock.of(db.dialect(), wait);
        try (Connection c = db.connection()) {
            // DDL on a large table may outlast the pool's socket timeout (decision 469); the lock's wait
            // has a bound of its own.
            Sql.boundNetworkWait(c, 0);
            lock.acquire(c);
            try {
                migrateLocked(db, c, clock, target);
            } finally {
                lock.release(c);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("creating or upgrading the schema", e);
        }
    }

    private static void migrateLocked(Database db, Connection c, Clock clock, int target) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(db.dialect().ddl("CREATE TABLE IF NOT EXISTS jwtgate_schema ("
                    + " version INT NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)${table}"));
        }
        for (int version = current(c) + 1; version <= target; version++) {
            try (Statement s = c.createStatement()) {
                for (String ddl : MIGRATIONS.get(version - 1)) {
                    s.execute(db.dialect().ddl(ddl));
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO jwtgate_schema (version, applied_at) VALUES (?, ?)")) {
                p.setInt(1, version);
                p.setLong(2, clock.millis());
                p.executeUpdate();
            } catch (SQLException e) {
                // Another node recorded this step first (a store migrated by a version without the lock).
                if (current(c) < version) {
                    throw e;
                }
            }
        }
    }

    /** The version recorded in the store; 0 when it has no {@code jwtgate_schema} table yet. */
    static int currentVersion(Database db) {
        try (Connection c = db.connection()) {
            if (!hasSchemaTable(c)) {
                return 0;
            }
            return current(c);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the schema version", e);
        }
    }

    /** Asked of the metadata rather than by a failing query: engines differ in what such a failure leaves behind. */
    private static boolean hasSchemaTable(Connection c) throws SQLException {
        String schema = c.getSchema();
        for (String name : List.of("jwtgate_schema", "JWTGATE_SCHEMA")) {
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), schema, name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int current(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT MAX(version) FROM jwtgate_schema");
                ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
