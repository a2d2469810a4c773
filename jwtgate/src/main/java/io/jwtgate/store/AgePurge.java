package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Deletes the rows of one table whose time column is at or before a cut-off, oldest first, in
 * batches. Portable on H2, PostgreSQL and MariaDB without {@code DELETE … LIMIT}: each batch finds
 * the time of the N-th oldest row ({@code ORDER BY … LIMIT 1 OFFSET N-1}, an index walk) and deletes
 * up to the earlier of that time and the cut-off. Table and column names are constants of the
 * callers, never input.
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
        String nth = "SELECT " + column + " FROM " + table + " WHERE " + column + " <= ? ORDER BY " + column
                + " LIMIT 1 OFFSET ?";
        String delete = "DELETE FROM " + table + " WHERE " + column + " <= ?";
        long deleted = 0;
        for (int batch = 0; batch < batches.maxBatches(); batch++) {
            if (batch > 0 && !batches.between().getAsBoolean()) {
                break;
            }
            try (Connection c = db.connection()) {
                int isolation = c.getTransactionIsolation();
                // MariaDB's default, REPEATABLE READ, makes a range DELETE lock the gaps and the first row past
                // the cut-off, which is a live row a login is inserting next to or deleting: the two deadlocked in
                // measurement. READ COMMITTED takes no gap locks (it is already the default of H2 and PostgreSQL).
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                try {
                    Long upTo = nthOldest(c, nth, cutoff, batches.size());
                    if (upTo == null) {
                        // Fewer than one batch is left: the last statement takes them all.
                        return deleted + delete(c, delete, cutoff);
                    }
                    deleted += delete(c, delete, upTo);
                } finally {
                    c.setTransactionIsolation(isolation);
                }
            } catch (SQLException e) {
                throw SqlErrors.translate(action, e);
            }
        }
        return deleted;
    }

    private static int delete(Connection c, String sql, long upTo) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            Sql.bind(p, upTo);
            return p.executeUpdate();
        }
    }

    private static Long nthOldest(Connection c, String sql, long cutoff, int n) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            Sql.bind(p, cutoff, n - 1);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
