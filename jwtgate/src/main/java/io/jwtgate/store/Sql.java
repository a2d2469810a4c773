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

    /**
     * Bounds how long any read on {@code c} may wait for the server (the socket timeout of the
     * PostgreSQL and MariaDB drivers; the pool puts the connection's own value back when it is
     * returned). A query timeout alone does not end a wait on a silent network: the driver's
     * cancel cannot reach the server either (decision 469). Drivers without it keep their default.
     */
    static void boundNetworkWait(Connection c, int millis) {
        try {
            c.setNetworkTimeout(Runnable::run, millis);
        } catch (SQLException | UnsupportedOperationException e) {
            // H2 embedded has no network; a driver that refuses keeps its own socket timeout.
        }
    }

    /** Whether the failure is a unique-constraint violation (SQLState class 23). */
    static boolean isDuplicate(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
