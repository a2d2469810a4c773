package io.jwtgate.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A throw-away schema on the local PostgreSQL or MariaDB server. On a machine without the server
 * the test is skipped with a clear message; under CI ({@code CI=true}) a missing server fails.
 */
public enum RealDatabase {
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root");

    private final String adminUrl;
    private final String user;

    RealDatabase(String adminUrl, String user) {
        this.adminUrl = adminUrl;
        this.user = user;
    }

    /** Arguments (container, server) for every embedded container on every real server. */
    public static Stream<Arguments> everyContainerOnEveryServer() {
        return Stream.of(Container.values()).flatMap(c -> Stream.of(values()).map(db -> Arguments.of(c, db)));
    }

    /** A fresh, empty schema; drop it with {@link Schema#close()}. */
    public Schema create() {
        String name = "jg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(adminUrl, user, "");
                Statement s = c.createStatement()) {
            s.execute(this == POSTGRESQL ? "CREATE SCHEMA " + name : "CREATE DATABASE " + name
                    + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
            if (ci) {
                throw new IllegalStateException(this + " is required under CI (CI=true) but unreachable at "
                        + adminUrl + ": " + e.getMessage(), e);
            }
            Assumptions.abort(this + " is not reachable at " + adminUrl + " (" + e.getMessage()
                    + "); start it to run the real-database tests");
        }
        String url = this == POSTGRESQL ? adminUrl + "?currentSchema=" + name
                : "jdbc:mariadb://127.0.0.1:3306/" + name;
        return new Schema(name, url);
    }

    /** One created schema. */
    public final class Schema implements AutoCloseable {
        private final String name;
        private final String url;

        Schema(String name, String url) {
            this.name = name;
            this.url = url;
        }

        public String url() {
            return url;
        }

        public String user() {
            return user;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl, user, "");
                    Statement s = c.createStatement()) {
                s.execute(RealDatabase.this == POSTGRESQL ? "DROP SCHEMA " + name + " CASCADE" : "DROP DATABASE " + name);
            }
        }
    }
}
