package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the rows of one table whose time column is at or before a cut-off, oldest first, in
 * batches. Portable on H2, PostgreSQL and MariaDB without {@code DELETE … LIMIT}: each batch reads
 * the times of the N oldest rows at or before the cut-off (a plain, non-locking read walking the
 * time index) and deletes the rows at exactly those times ({@code col IN (?, …)}). A range delete
 * ({@code col <= ?}) would read, and on MariaDB lock, the first row past its range, which is a live
 * row logins write: the two deadlocked (decision 484). Point look-ups touch old rows only. Table
 * and column names are constants of the callers, never input.
 */
final class AgePurge {

    private final String table;
    private final String column;
    private final String action;

    AgePurge(String table, String column, String action) {
        this.table = table;
        this.column = column;
        this.action = action;
    }

    /**
     * Deletes rows with {@code column <= cutoff}, in batches.
     *
     * @return the number of rows deleted by this run
     * @throws StoreException when the store fails; rows deleted by earlier batches stay deleted
     */
    long deleteUpTo(Database db, long cutoff, PurgeBatches batches) {
        String oldest = "SELECT " + column + " FROM " + table + " WHERE " + column + " <= ? ORDER BY " + column
                + " LIMIT ?";
        long deleted = 0;
        for (int batch = 0; batch < batches.maxBatches(); batch++) {
            if (batch > 0 && !batches.between().getAsBoolean()) {
                break;
            }
            try (Connection c = db.connection()) {
                Batch next = oldest(c, oldest, cutoff, batches.size());
                if (next.times().isEmpty()) {
                    break;
                }
                deleted += deleteAt(c, next.times());
                if (!next.full()) {
                    // Fewer than a batch were left: that was the last of them.
                    break;
                }
            } catch (SQLException e) {
                throw SqlErrors.translate(action, e);
            }
        }
        return deleted;
    }

    /**
     * @param times the distinct times of the batch's rows, oldest first
     * @param full whether the batch had its full size (more old rows may follow)
     */
    private record Batch(List<Long> times, boolean full) {
    }

    /** The {@code n} oldest rows at or before the cut-off, by their times. */
    private static Batch oldest(Connection c, String sql, long cutoff, int n) throws SQLException {
        List<Long> times = new ArrayList<>();
        int rows = 0;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            Sql.bind(p, cutoff, n);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next() && rows < n) {
                    rows++;
                    long t = rs.getLong(1);
                    if (times.isEmpty() || times.get(times.size() - 1) != t) {
                        times.add(t);
                    }
                }
            }
        }
        return new Batch(times, rows == n);
    }

    /** Deletes every row at one of {@code times}; the statement's placeholders are its only variable part. */
    private int deleteAt(Connection c, List<Long> times) throws SQLException {
        String sql = "DELETE FROM " + table + " WHERE " + column + " IN (" + "?, ".repeat(times.size() - 1) + "?)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            Sql.bind(p, times.toArray());
            return p.executeUpdate();
        }
    }
}
