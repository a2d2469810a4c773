package io.jwtgate.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away store for the revocation measurements: an in-memory H2 database, or a fresh schema
 * on the local PostgreSQL (127.0.0.1:5432, postgres) or MariaDB (127.0.0.1:3306, root) server.
 */
final class MeasuredStore implements AutoCloseable {

    final String engine;
    final String url;
    final String user;
    private final String adminUrl;
    private final String schema;

    private MeasuredStore(String engine, String url, String user, String adminUrl, String schema) {
        this.engine = engine;
        this.url = url;
        this.user = user;
        this.adminUrl = adminUrl;
        this.schema = schema;
    }

    static MeasuredStore create(String engine) throws SQLException {
        String name = "jg_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        switch (engine) {
            case "h2":
                return new MeasuredStore(engine, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", null, null);
            case "postgresql": {
                String admin = "jdbc:postgresql://127.0.0.1:5432/test";
                exec(admin, "postgres", "CREATE SCHEMA " + name);
                return new MeasuredStore(engine, admin + "?currentSchema=" + name, "postgres", admin, name);
            }
            case "mariadb": {
                String admin = "jdbc:mariadb://127.0.0.1:3306/test";
                exec(admin, "root", "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
                return new MeasuredStore(engine, "jdbc:mariadb://127.0.0.1:3306/" + name, "root", admin, name);
            }
            default:
                throw new IllegalArgumentException("engine: h2, postgresql or mariadb");
        }
    }

    HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    private static void exec(String url, String user, String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        if (schema != null) {
            exec(adminUrl, user, engine.equals("postgresql") ? "DROP SCHEMA " + schema + " CASCADE"
                    : "DROP DATABASE " + schema);
        }
    }
}
