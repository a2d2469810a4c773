package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code jwtgate_revocations} table: revoked token ids ({@code jti}) and sessions ({@code sid}). */
public final class RevocationStore {

    /** Revoked access-token id. */
    public static final String TOKEN = "jti";
    /** Revoked session (refresh family). */
    public static final String SESSION = "sid";

    private final Database db;

    public RevocationStore(Database db) {
        this.db = db;
    }

    /** Records a revocation; revoking twice is not an error. */
    public void revoke(String kind, String value, long createdAt, long expiresAt) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO jwtgate_revocations (kind, token_value, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            Sql.bind(p, kind, value, createdAt, expiresAt);
            p.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isDuplicate(e)) {
                throw SqlErrors.translate("storing a revocation", e);
            }
        }
    }

    /** Feeds every unexpired revocation created at or after {@code since} to {@code sink(kind, value)}. */
    public void loadSince(long since, long now, RevocationSink sink) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT kind, token_value, expires_at FROM jwtgate_revocations WHERE created_at >= ? AND expires_at > ?")) {
            Sql.bind(p, since, now);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getString(1), rs.getString(2), rs.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading revocations", e);
        }
    }

    /** Deletes revocations whose token or session can no longer be valid anyway. */
    public int purgeExpired(long now) {
        return Sql.update(db, "purging revocations", "DELETE FROM jwtgate_revocations WHERE expires_at <= ?", now);
    }

    /** Receives one stored revocation. */
    @FunctionalInterface
    public interface RevocationSink {
        void accept(String kind, String value, long expiresAt);
    }

}
