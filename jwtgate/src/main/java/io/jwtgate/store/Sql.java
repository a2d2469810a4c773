package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Small helpers so every statement is prepared, bound and closed the same way. */
final class Sql {

    private Sql() {
    }

    /** Runs an update with positional parameters and returns the row count. */
    static int update(Database db, String action, String sql, Object... params) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, params);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.translate(action, e);
        }
    }

    static void bind(PreparedStatement p, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object v = params[i];
            if (v == null) {
                p.setNull(i + 1, java.sql.Types.VARCHAR);
            } else if (v instanceof Long) {
                p.setLong(i + 1, (Long) v);
            } else if (v instanceof Integer) {
                p.setInt(i + 1, (Integer) v);
            } else if (v instanceof Boolean) {
                p.setBoolean(i + 1, (Boolean) v);
            } else {
                p.setString(i + 1, v.toString());
            }
        }
    }

    /** Whether the failure is a unique-constraint violation (SQLState class 23). */
    static boolean isDuplicate(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
