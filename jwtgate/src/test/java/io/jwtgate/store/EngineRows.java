package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Row-level helpers of the migration tests: portable SQL only, so they run on every engine. */
final class EngineRows {

    private EngineRows() {
    }

    static void insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            p.executeUpdate();
        }
    }

    static long count(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many {@code jwtgate_schema} rows each recorded version has. */
    static Map<Integer, Long> schemaRows(Database db) throws SQLException {
        Map<Integer, Long> rows = new LinkedHashMap<>();
        try (Connection c = db.connection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT version, COUNT(*) FROM jwtgate_schema GROUP BY version ORDER BY version");
                ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return rows;
    }

    /** One row for each version 1..latest. */
    static Map<Integer, Long> oneRowPerVersion() {
        Map<Integer, Long> rows = new LinkedHashMap<>();
        for (int v = 1; v <= Schema.latestVersion(); v++) {
            rows.put(v, 1L);
        }
        return rows;
    }
}
