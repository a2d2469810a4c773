package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Refresh tokens (stored only as SHA-256 hashes, grouped by session) and the record of issued
 * access tokens (who owns which {@code jti}, for {@code DELETE /auth/token/{jti}}).
 *
 * <p>Each row carries the SHA-256 (hex) of the audience of the application that issued it, so
 * applications sharing one store honour only their own sessions (a fixed-length key, whatever
 * the length of a configured audience). Rows written before that column existed hold NULL.
 */
public final class SessionStore {

    /**
     * One stored refresh token.
     *
     * @param spentAt when it was rotated (epoch milliseconds), or null while it is unspent; stored
     *     negated when the strict endpoint rotated it ({@link #markSpentStrictly})
     */
    public record RefreshRecord(String tokenHash, String sessionId, String userId, Set<String> scopes,
            long expiresAt, long sessionExpiresAt, Long spentAt, boolean revoked, String audienceHash) {

        /** Whether the token has been rotated already. */
        public boolean spent() {
            return spentAt != null;
        }

        /**
         * When the browser's cookie path rotated it, or null when it is unspent or the strict
         * endpoint rotated it: only the former may get the cookie path's grace (decision 656).
         */
        public Long spentThroughCookieAt() {
            return spentAt != null && spentAt > 0 ? spentAt : null;
        }
    }

    /** One issued access token; {@code audienceHash} is null for a record older than the column. */
    public record AccessRecord(String jti, String sessionId, String userId, long expiresAt, String audienceHash) {
    }

    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    public void insertRefresh(String tokenHash, String sessionId, String userId, Set<String> scopes, long createdAt,
            long expiresAt, long sessionExpiresAt, String audienceHash) {
        Sql.update(db, "storing a refresh token",
                "INSERT INTO jwtgate_refresh_tokens (token_hash, session_id, user_id, scopes, created_at, expires_at,"
                        + " session_expires_at, spent_at, revoked, audience_hash) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                tokenHash, sessionId, userId, String.join(" ", scopes), createdAt, expiresAt, sessionExpiresAt, false,
                audienceHash);
    }

    /**
     * Gives the refresh rows of a session written before audiences were stored (NULL) to one
     * audience. Conditional, so of two applications racing for one legacy session the first
     * UPDATE wins and the other reads the winner's audience.
     */
    public void adoptLegacySession(String sessionId, String audienceHash) {
        Sql.update(db, "adopting a legacy session",
                "UPDATE jwtgate_refresh_tokens SET audience_hash = ? WHERE session_id = ? AND audience_hash IS NULL",
                audienceHash, sessionId);
    }

    public Optional<RefreshRecord> findRefresh(String tokenHash) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT token_hash, session_id, user_id, scopes, expires_at, session_expires_at, spent_at, revoked,"
                        + " audience_hash FROM jwtgate_refresh_tokens WHERE token_hash = ?")) {
            Sql.bind(p, tokenHash);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Set<String> scopes = new LinkedHashSet<>(Arrays.asList(rs.getString(4).split(" ")));
                scopes.remove("");
                long spentAt = rs.getLong(7);
                Long spent = rs.wasNull() ? null : spentAt;
                return Optional.of(new RefreshRecord(rs.getString(1), rs.getString(2), rs.getString(3), scopes,
                        rs.getLong(5), rs.getLong(6), spent, rs.getBoolean(8), rs.getString(9)));
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading a refresh token", e);
        }
    }

    /**
     * Spends a refresh token atomically through the browser's cookie path: of two concurrent
     * callers exactly one gets true.
     */
    public boolean markSpent(String tokenHash, long now) {
        return spend(tokenHash, now);
    }

    /**
     * Spends a refresh token atomically through {@code /auth/refresh}, which keeps reuse detection
     * strict: the time is stored negated, so that a cookie presenting the same token later gets no
     * grace (decision 656), without a column more.
     */
    public boolean markSpentStrictly(String tokenHash, long now) {
        return spend(tokenHash, -now);
    }

    private boolean spend(String tokenHash, long spentAt) {
        return Sql.update(db, "spending a refresh token",
                "UPDATE jwtgate_refresh_tokens SET spent_at = ? WHERE token_hash = ? AND spent_at IS NULL AND revoked = ?",
                spentAt, tokenHash, false) == 1;
    }

    public void revokeSessionRefreshTokens(String sessionId) {
        Sql.update(db, "revoking a session's refresh tokens",
                "UPDATE jwtgate_refresh_tokens SET revoked = ? WHERE session_id = ?", true, sessionId);
    }

    /** Whether any refresh token of the session has been revoked (so the whole session has). */
    public boolean hasRevokedRefreshTokens(String sessionId) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT COUNT(*) FROM jwtgate_refresh_tokens WHERE session_id = ? AND revoked = ?")) {
            Sql.bind(p, sessionId, true);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading a session's refresh tokens", e);
        }
    }

    public void recordAccessToken(String jti, String sessionId, String userId, long issuedAt, long expiresAt,
            String audienceHash) {
        Sql.update(db, "recording an access token",
                "INSERT INTO jwtgate_access_tokens (jti, session_id, user_id, issued_at, expires_at, audience_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                jti, sessionId, userId, issuedAt, expiresAt, audienceHash);
    }

    public Optional<AccessRecord> findAccessToken(String jti) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT jti, session_id, user_id, expires_at, audience_hash FROM jwtgate_access_tokens WHERE jti = ?")) {
            Sql.bind(p, jti);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new AccessRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading an access token record", e);
        }
    }

    /**
     * The latest expiry among the recorded access tokens of one session, if any are recorded. The
     * user narrows the search to that user's index entries.
     */
    public OptionalLong latestAccessTokenExpiry(String userId, String sessionId) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT MAX(expires_at) FROM jwtgate_access_tokens WHERE user_id = ? AND session_id = ?")) {
            Sql.bind(p, userId, sessionId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.empty();
                }
                long latest = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(latest);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading a session's access-token records", e);
        }
    }

    /** The sessions of a user that may still hold a valid refresh or access token. */
    public Set<String> liveSessions(String userId, long now) {
        Set<String> sessions = new LinkedHashSet<>();
        try (Connection c = db.connection()) {
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT session_id FROM jwtgate_refresh_tokens"
                    + " WHERE user_id = ? AND revoked = ? AND session_expires_at > ?")) {
                Sql.bind(p, userId, false, now);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT DISTINCT session_id FROM jwtgate_access_tokens WHERE user_id = ? AND expires_at > ?")) {
                Sql.bind(p, userId, now);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("listing a user's sessions", e);
        }
        return sessions;
    }

    /**
     * The sessions of a user started by one audience (one application, or applications sharing an
     * audience) that can still be used and are not revoked, oldest first (by the time their first
     * token was issued). Legacy rows without an audience are not counted.
     */
    public List<String> liveSessionsOldestFirst(String userId, String audienceHash, long now) {
        List<String> sessions = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT s.session_id, MIN(s.started) FROM ("
                        + " SELECT session_id, created_at AS started FROM jwtgate_refresh_tokens"
                        + " WHERE user_id = ? AND audience_hash = ? AND revoked = ? AND session_expires_at > ?"
                        + " UNION ALL"
                        + " SELECT session_id, COALESCE(issued_at, 0) AS started FROM jwtgate_access_tokens"
                        + " WHERE user_id = ? AND audience_hash = ? AND expires_at > ?) s"
                        + " WHERE NOT EXISTS (SELECT 1 FROM jwtgate_revocation_log r"
                        + " WHERE r.kind = ? AND r.token_value = s.session_id)"
                        + " GROUP BY s.session_id ORDER BY MIN(s.started), s.session_id")) {
            Sql.bind(p, userId, audienceHash, false, now, userId, audienceHash, now, RevocationStore.SESSION);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    sessions.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("listing a user's sessions", e);
        }
        return sessions;
    }

    /**
     * Deletes refresh tokens and access-token records expired at {@code now}, the database's time
     * ({@link Database#currentTimeMillis()}) rather than the purging node's, so a node whose clock
     * runs ahead does not end every node's sessions early (decision 565).
     */
    public void purgeExpired(long now) {
        Sql.update(db, "purging refresh tokens",
                "DELETE FROM jwtgate_refresh_tokens WHERE expires_at <= ? OR session_expires_at <= ?", now, now);
        Sql.update(db, "purging access-token records", "DELETE FROM jwtgate_access_tokens WHERE expires_at <= ?", now);
    }
}
