package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code jwtgate_revocations} table: revoked token ids ({@code jti}), sessions ({@code sid})
 * and "credentials changed" marks per user. Its times come from the database's clock, never from
 * a node's: nodes whose clocks disagree still order and expire the rows the same way.
 */
public final class RevocationStore {

    /** Revoked access-token id. */
    public static final String TOKEN = "jti";
    /** Revoked session (refresh family). */
    public static final String SESSION = "sid";
    /** A user's password changed: every node drops that user's cached Basic checks. */
    public static final String CREDENTIALS = "cred";

    private final Database db;

    public RevocationStore(Database db) {
        this.db = db;
    }

    /**
     * Records a revocation needed for {@code lifetimeMillis} from now (database time). Revoking again
     * renews the row's time, so other nodes see the newer event too.
     */
    public void revoke(String kind, String value, long lifetimeMillis) {
        Dialect d = db.dialect();
        try (Connection c = db.connection()) {
            try (PreparedStatement p = c.prepareStatement(d.sql("INSERT INTO jwtgate_revocations"
                    + " (kind, token_value, created_at, expires_at) VALUES (?, ?, ${now}, ${now} + ?)"))) {
                Sql.bind(p, kind, value, lifetimeMillis);
                p.executeUpdate();
            } catch (SQLException e) {
                if (!Sql.isDuplicate(e)) {
                    throw e;
                }
                try (PreparedStatement p = c.prepareStatement(d.sql("UPDATE jwtgate_revocations"
                        + " SET created_at = ${now}, expires_at = ${now} + ? WHERE kind = ? AND token_value = ?"))) {
                    Sql.bind(p, lifetimeMillis, kind, value);
                    p.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("storing a revocation", e);
        }
    }

    /**
     * Feeds every unexpired revocation created at or after {@code since} (database time) to the
     * sink, with its remaining lifetime.
     *
     * @return the database's time when the read began: the next call's {@code since}, less an
     *     overlap for rows that commit late
     */
    public long loadSince(long since, RevocationSink sink) {
        Dialect d = db.dialect();
        try (Connection c = db.connection()) {
            long now;
            try (PreparedStatement p = c.prepareStatement(d.sql("SELECT ${now}"));
                    ResultSet rs = p.executeQuery()) {
                rs.next();
                now = rs.getLong(1);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT kind, token_value, created_at, expires_at"
                    + " FROM jwtgate_revocations WHERE created_at >= ? AND expires_at > ?")) {
                Sql.bind(p, since, now);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4) - now);
                    }
                }
            }
            return now;
        } catch (SQLException e) {
            throw SqlErrors.translate("reading revocations", e);
        }
    }

    /** Deletes revocations that no node needs any more (database time). */
    public int purgeExpired() {
        return Sql.update(db, "purging revocations",
                db.dialect().sql("DELETE FROM jwtgate_revocations WHERE expires_at <= ${now}"));
    }

    /** Receives one stored revocation. */
    @FunctionalInterface
    public interface RevocationSink {
        /**
         * @param createdAt database time of the (latest) revocation
         * @param remainingMillis how much longer the revocation is needed
         */
        void accept(String kind, String value, long createdAt, long remainingMillis);
    }
}
