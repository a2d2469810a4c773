package io.jwtgate.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Failed logins per account name and per client address, in the database so that a lockout holds
 * across restarts and nodes.
 */
public final class LoginFailureStore {

    /** Failures counted per account name (existing or not). */
    public static final String ACCOUNT = "account";
    /** Failures counted per client address. */
    public static final String ADDRESS = "address";

    private final Database db;

    public LoginFailureStore(Database db) {
        this.db = db;
    }

    public void record(String scope, String subject, long at) {
        Sql.update(db, "recording a login failure",
                "INSERT INTO jwtgate_login_failures (scope, subject, failed_at) VALUES (?, ?, ?)", scope, key(subject),
                at);
    }

    /**
     * The stored form of a name: as given up to 200 characters, else its SHA-256. Names come from
     * clients unchecked; an over-long one must still be counted, never overflow the column.
     */
    static String key(String subject) {
        if (subject.length() <= 200) {
            return subject;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Failure times since {@code since}, newest first, at most {@code limit}. */
    public List<Long> recent(String scope, String subject, long since, int limit) {
        List<Long> times = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT failed_at FROM jwtgate_login_failures WHERE scope = ? AND subject = ? AND failed_at > ?"
                        + " ORDER BY failed_at DESC")) {
            p.setMaxRows(limit);
            Sql.bind(p, scope, key(subject), since);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    times.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading login failures", e);
        }
        return times;
    }

    /** Forgets an account's failures after a successful login. */
    public void clear(String scope, String subject) {
        Sql.update(db, "clearing login failures",
                "DELETE FROM jwtgate_login_failures WHERE scope = ? AND subject = ?", scope, key(subject));
    }

    public void purgeOlderThan(long before) {
        Sql.update(db, "purging login failures", "DELETE FROM jwtgate_login_failures WHERE failed_at <= ?", before);
    }
}
