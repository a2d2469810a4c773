package io.jwtgate.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Failed logins per account, per unknown name and per client address (and registration attempts
 * per address), in the database so that a lockout holds across restarts and nodes. An attempt is
 * written before the password is checked (a reservation) and removed again when it did not fail,
 * so parallel guesses cannot all pass the check before any of them is counted. A login's reservation
 * is marked pending while its password is checked and turned into a failure afterwards, so that
 * attempts still in flight are told apart from completed failures (decision 570).
 *
 * <p>Rows are stamped, counted and purged in the database's time, never a node's: every node then
 * sees the same window, and a lockout recorded on a node whose clock runs behind lasts its whole
 * length on the others (decision 530).
 */
public final class LoginFailureStore {

    /** Failures counted per existing account, keyed by user id, however the account was named. */
    public static final String USER = "user";
    /** Failures counted per canonical name that names no account. */
    public static final String NAME = "name";
    /** Failures counted per client address group. */
    public static final String ADDRESS = "address";
    /** Registration attempts per client address group. */
    public static final String REGISTER = "register";

    /** Walks the {@code jwtgate_login_failures_time} index. */
    private static final AgePurge PURGE = new AgePurge("jwtgate_login_failures", "failed_at", "purging login failures");

    private final Database db;

    public LoginFailureStore(Database db) {
        this.db = db;
    }

    /**
     * Counts an attempt now, in the database's time, as a completed one (registration attempts,
     * which count whatever their outcome).
     *
     * @return the id that {@link #release} takes to remove exactly this row
     */
    public String reserve(String scope, String subject) {
        return insert(scope, subject, false);
    }

    /**
     * Counts a login attempt now, in the database's time, as pending: its password is about to be
     * checked. {@link #markFailed} turns it into a failure, {@link #release} removes it.
     *
     * @return the id of the row
     */
    public String reservePending(String scope, String subject) {
        return insert(scope, subject, true);
    }

    private String insert(String scope, String subject, boolean pending) {
        String id = UUID.randomUUID().toString();
        Sql.update(db, "recording a login attempt", db.dialect().sql("INSERT INTO jwtgate_login_failures"
                + " (scope, subject, failed_at, attempt_id, pending) VALUES (?, ?, ${now}, ?, ?)"),
                scope, key(subject), id, pending);
        return id;
    }

    /** A pending attempt's password was wrong: its row stays, as a completed failure. */
    public void markFailed(String scope, String subject, String attemptId) {
        Sql.update(db, "recording a login failure",
                "UPDATE jwtgate_login_failures SET pending = ? WHERE scope = ? AND subject = ? AND attempt_id = ?",
                false, scope, key(subject), attemptId);
    }

    /** Removes one reserved attempt (it succeeded, or it was refused without a check). */
    public void release(String scope, String subject, String attemptId) {
        Sql.update(db, "releasing a login attempt",
                "DELETE FROM jwtgate_login_failures WHERE scope = ? AND subject = ? AND attempt_id = ?", scope,
                key(subject), attemptId);
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

    /**
     * How long ago, in milliseconds of the database's time, each row within the last {@code window}
     * was written, pending login attempts included: newest first, at most {@code limit}.
     */
    public List<Long> ages(String scope, String subject, Duration window, int limit) {
        return ages(scope, subject, window, null, limit);
    }

    /**
     * The rows of {@code scope}/{@code subject} within the last {@code window} of the database's time:
     * all of them, and those that are completed failures. A pending row older than {@code stale} counts
     * as completed: the node that was checking its password has had ample time and probably died.
     */
    public Tally tally(String scope, String subject, Duration window, Duration stale) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(db.dialect().sql(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN pending = ? OR failed_at <= ${now} - ? THEN 1 ELSE 0 END), 0)"
                        + " FROM jwtgate_login_failures WHERE scope = ? AND subject = ? AND failed_at > ${now} - ?"))) {
            Sql.bind(p, false, stale.toMillis(), scope, key(subject), window.toMillis());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new Tally(rs.getInt(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading login failures", e);
        }
    }

    /**
     * Like {@link #ages}, but of completed failures only (pending rows older than {@code stale} included,
     * as in {@link #tally}).
     */
    public List<Long> failureAges(String scope, String subject, Duration window, Duration stale, int limit) {
        return ages(scope, subject, window, stale, limit);
    }

    /**
     * The one query behind {@link #ages} and {@link #failureAges}.
     *
     * @param completedOnlyStale null for every row; else only completed failures, pending rows older than
     *     this counting as completed
     */
    private List<Long> ages(String scope, String subject, Duration window, Duration completedOnlyStale, int limit) {
        boolean completedOnly = completedOnlyStale != null;
        String sql = "SELECT ${now} - failed_at FROM jwtgate_login_failures WHERE scope = ? AND subject = ?"
                + " AND failed_at > ${now} - ?" + (completedOnly ? " AND (pending = ? OR failed_at <= ${now} - ?)" : "")
                + " ORDER BY failed_at DESC";
        List<Long> ages = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(db.dialect().sql(sql))) {
            p.setMaxRows(limit);
            if (completedOnly) {
                Sql.bind(p, scope, key(subject), window.toMillis(), false, completedOnlyStale.toMillis());
            } else {
                Sql.bind(p, scope, key(subject), window.toMillis());
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ages.add(Math.max(0, rs.getLong(1)));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading login failures", e);
        }
        return ages;
    }

    /**
     * Counts of one key's rows within a window.
     *
     * @param total every row, pending ones included
     * @param failed completed failures (and stale pending rows)
     */
    public record Tally(int total, int failed) {
    }

    /**
     * Forgets an account's failures after a successful login. Rows of attempts still being checked stay
     * (unless stale): a guess in flight on another node is still counted when it fails.
     */
    public void clear(String scope, String subject, Duration stale) {
        Sql.update(db, "clearing login failures", db.dialect().sql("DELETE FROM jwtgate_login_failures"
                + " WHERE scope = ? AND subject = ? AND (pending = ? OR failed_at <= ${now} - ?)"),
                scope, key(subject), false, stale.toMillis());
    }

    /**
     * Deletes failures (and registration attempts) stamped at or before {@code cutoff}, a time of the
     * database's clock (the caller takes it from {@link Database#currentTimeMillis()} less
     * {@code jwtgate.login.failure-retention}), oldest first, in {@code batches}: the table every
     * login writes is never locked for long.
     *
     * @return the number of rows deleted by this run
     */
    public long purgeOlderThan(long cutoff, PurgeBatches batches) {
        return PURGE.deleteUpTo(db, cutoff, batches);
    }
}
