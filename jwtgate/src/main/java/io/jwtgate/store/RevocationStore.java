package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code jwtgate_revocation_log} table: an append-only log of revoked token ids ({@code jti}),
 * sessions ({@code sid}) and "credentials changed" marks per user, numbered by the database
 * ({@code seq}). Revoking again appends a row; readers merge rows by the latest expiry. Its times
 * come from the database's clock, never from a node's: nodes whose clocks disagree still expire
 * the rows the same way.
 */
public final class RevocationStore {

    /** Revoked access-token id. */
    public static final String TOKEN = "jti";
    /** Revoked session (refresh family). */
    public static final String SESSION = "sid";
    /** A user's password changed: every node drops that user's cached Basic checks. */
    public static final String CREDENTIALS = "cred";

    /** The PostgreSQL channel a revocation is announced on when push is on. */
    public static final String CHANNEL = "jwtgate_revocations";

    /** Rows fetched per round trip when loading, so a million rows never sit in the driver at once. */
    private static final int FETCH_SIZE = 5_000;

    /**
     * An incremental read that takes longer has hung (a silent network): it fails, so the staleness
     * bound starts to apply. The start-up load of every row has none.
     */
    private static final int INCREMENTAL_TIMEOUT_SECONDS = 30;
    /** A logout or revocation waits no longer than this for the server before it is a 503. */
    private static final int REVOKE_TIMEOUT_SECONDS = 10;

    private final Database db;
    private final boolean announce;

    /** A store that does not announce revocations (polling only). */
    public RevocationStore(Database db) {
        this(db, false);
    }

    /**
     * @param announce whether each revocation is also announced with {@code pg_notify} on
     *     {@link #CHANNEL}; only honoured on PostgreSQL
     */
    public RevocationStore(Database db, boolean announce) {
        this.db = db;
        this.announce = announce && db.dialect() == Dialect.POSTGRESQL;
    }

    /** Whether revocations are announced to listening nodes. */
    public boolean announces() {
        return announce;
    }

    /**
     * Appends a revocation needed for {@code lifetimeMillis} from now (database time). Revoking
     * again appends another row, so other nodes see the newer event too.
     */
    public void revoke(String kind, String value, long lifetimeMillis) {
        append("INSERT INTO jwtgate_revocation_log (kind, token_value, created_at, expires_at)"
                + " VALUES (?, ?, ${now}, ${now} + ?)", kind, value, lifetimeMillis);
    }

    /**
     * Appends a revocation needed until {@code expiresAtMillis} (epoch milliseconds, as the token's
     * issuer stamped it, margins included), but never longer than {@code longestLifetimeMillis} from
     * now (database time). The revoking process's clock plays no part: one running ahead would
     * otherwise end the revocation before the token (decision 562).
     */
    public void revokeUntil(String kind, String value, long expiresAtMillis, long longestLifetimeMillis) {
        append("INSERT INTO jwtgate_revocation_log (kind, token_value, created_at, expires_at)"
                + " VALUES (?, ?, ${now}, LEAST(?, ${now} + ?))", kind, value, expiresAtMillis, longestLifetimeMillis);
    }

    private void append(String insert, Object... params) {
        Dialect d = db.dialect();
        try (Connection c = db.connection()) {
            Sql.boundNetworkWait(c, REVOKE_TIMEOUT_SECONDS * 1000);
            try (PreparedStatement p = c.prepareStatement(d.sql(insert))) {
                Sql.bind(p, params);
                p.executeUpdate();
            }
            if (announce) {
                // Auto-commit: the INSERT is committed before this statement, whose notification is
                // delivered when it commits; a listener that wakes finds the row. The payload stays
                // empty: a listener reads from its own high-water mark anyway.
                try (PreparedStatement p = c.prepareStatement("SELECT pg_notify(?, '')")) {
                    p.setString(1, CHANNEL);
                    p.executeQuery().close();
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("storing a revocation", e);
        }
    }

    /**
     * Opens one connection for the reads of one refresh: a poll checks that the log still ends
     * where it read up to and then reads on, both over this connection, so a poll holds one of the
     * pool's connections rather than taking two in turn (decision 535). Close it promptly.
     *
     * @throws StoreException when no connection can be had
     */
    public Reading reading() {
        return new Reading(db.connection());
    }

    /**
     * The unexpired revocations (start-up load): every row still needed, in {@code seq} order.
     *
     * @return the database's time when the read began
     */
    public long loadUnexpired(RevocationSink sink) {
        try (Reading r = reading()) {
            return r.loadUnexpired(sink);
        }
    }

    /**
     * The rows numbered {@code fromSeq} or higher, expired or not (an incremental read: an expired
     * row still fills its number, so it is not taken for a gap).
     *
     * @return the database's time when the read began
     */
    public long loadFrom(long fromSeq, RevocationSink sink) {
        try (Reading r = reading()) {
            return r.loadFrom(fromSeq, sink);
        }
    }

    private long read(Connection c, String select, boolean parameterIsNow, RevocationSink sink, long parameter,
            int timeoutSeconds) {
        Dialect d = db.dialect();
        try {
            // Every statement of the read, the first included: a refresh that hangs keeps the
            // maintenance thread from every later refresh and purge (decision 469).
            Sql.boundNetworkWait(c, timeoutSeconds * 1000);
            long now;
            try (PreparedStatement p = c.prepareStatement(d.sql("SELECT ${now}"));
                    ResultSet rs = p.executeQuery()) {
                rs.next();
                now = rs.getLong(1);
            }
            sink.readAt(now);
            // PostgreSQL streams with a fetch size only inside a transaction; a pooled connection is
            // handed back in auto-commit (HikariCP resets it), and the read changes nothing.
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(select)) {
                p.setFetchSize(FETCH_SIZE);
                p.setQueryTimeout(timeoutSeconds);
                p.setLong(1, parameterIsNow ? now : parameter);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getLong(5) - now);
                    }
                }
                c.commit();
            } finally {
                c.setAutoCommit(autoCommit);
            }
            return now;
        } catch (SQLException e) {
            throw SqlErrors.translate("reading revocations", e);
        }
    }

    /** Deletes revocations that no node needs any more (database time). */
    public int purgeExpired() {
        // The highest-numbered row stays even when expired: nodes take a log that ends below the
        // number they have read for a restored one (decision 472).
        long highest = highestNumber();
        return Sql.update(db, "purging revocations",
                db.dialect().sql("DELETE FROM jwtgate_revocation_log WHERE expires_at <= ${now} AND seq < ?"), highest);
    }

    /** The highest number in the log, 0 when it is empty. */
    long highestNumber() {
        try (Connection c = db.connection()) {
            Sql.boundNetworkWait(c, INCREMENTAL_TIMEOUT_SECONDS * 1000);
            return highest(c);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the revocation log's end", e);
        }
    }

    /** Whether the log still holds what a node read up to: see {@link Reading#stillEndsWith}. */
    public boolean stillEndsWith(long seq, long createdAt) {
        try (Reading r = reading()) {
            return r.stillEndsWith(seq, createdAt);
        }
    }

    private static long highest(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT MAX(seq) FROM jwtgate_revocation_log");
                ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * The reads of one refresh over one pooled connection. Each read bounds its own network wait
     * on it (decision 469), as the separate reads did; SQL failures become {@link StoreException}s
     * with the same messages.
     */
    public final class Reading implements AutoCloseable {

        private final Connection c;

        private Reading(Connection c) {
            this.c = c;
        }

        /**
         * Whether the log still holds what a node read up to: it reaches number {@code seq}, and the
         * row of that number, unless purged since, was created at {@code createdAt}. False after a
         * restore or a failover that lost the newest rows, also when new rows took their numbers
         * (decision 472).
         */
        public boolean stillEndsWith(long seq, long createdAt) {
            try {
                Sql.boundNetworkWait(c, INCREMENTAL_TIMEOUT_SECONDS * 1000);
                if (highest(c) < seq) {
                    return false;
                }
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT created_at FROM jwtgate_revocation_log WHERE seq = ?")) {
                    p.setLong(1, seq);
                    try (ResultSet rs = p.executeQuery()) {
                        return !rs.next() || rs.getLong(1) == createdAt;
                    }
                }
            } catch (SQLException e) {
                throw SqlErrors.translate("reading the revocation log's end", e);
            }
        }

        /** As {@link RevocationStore#loadUnexpired}, over this reading's connection. */
        public long loadUnexpired(RevocationSink sink) {
            return read(c, "SELECT seq, kind, token_value, created_at, expires_at FROM jwtgate_revocation_log"
                    + " WHERE expires_at > ? ORDER BY seq", true, sink, 0L, 0);
        }

        /** As {@link RevocationStore#loadFrom}, over this reading's connection. */
        public long loadFrom(long fromSeq, RevocationSink sink) {
            return read(c, "SELECT seq, kind, token_value, created_at, expires_at FROM jwtgate_revocation_log"
                    + " WHERE seq >= ? ORDER BY seq", false, sink, fromSeq, INCREMENTAL_TIMEOUT_SECONDS);
        }

        /** Hands the connection back to the pool. */
        @Override
        public void close() {
            try {
                c.close();
            } catch (SQLException e) {
                throw SqlErrors.translate("reading revocations", e);
            }
        }
    }

    /** Receives one stored revocation. */
    @FunctionalInterface
    public interface RevocationSink {
        /** Called once before the rows, with the database's time when the read began. */
        default void readAt(long now) {
        }

        /**
         * @param seq the row's number in the log
         * @param createdAt database time of the revocation
         * @param remainingMillis how much longer the revocation is needed (zero or less: expired)
         */
        void accept(long seq, String kind, String value, long createdAt, long remainingMillis);
    }
}
