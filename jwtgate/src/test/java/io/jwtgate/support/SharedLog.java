package io.jwtgate.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

/**
 * One store shared by several nodes in one test: an in-memory H2 database or a throw-away schema
 * on the real PostgreSQL or MariaDB server, each node with its own pool ({@link #node}).
 */
public final class SharedLog implements AutoCloseable {

    /** The engines every revocation-log test runs on. */
    public enum Engine { H2, POSTGRESQL, MARIADB }

    private final String url;
    private final String user;
    private final RealDatabase.Schema schema;
    private final HikariDataSource keeper;

    private SharedLog(String url, String user, RealDatabase.Schema schema) {
        this.url = url;
        this.user = user;
        this.schema = schema;
        // Keeps an in-memory H2 database alive between nodes; harmless elsewhere.
        this.keeper = pool(4);
    }

    /** A fresh store on {@code engine} (a real server's test skips without it, fails under CI). */
    public static SharedLog on(Engine engine) {
        return switch (engine) {
            case H2 -> new SharedLog("jdbc:h2:mem:revlog_" + UUID.randomUUID().toString().replace("-", "")
                    + ";DB_CLOSE_DELAY=-1", "sa", null);
            case POSTGRESQL -> of(RealDatabase.POSTGRESQL.create());
            case MARIADB -> of(RealDatabase.MARIADB.create());
        };
    }

    private static SharedLog of(RealDatabase.Schema schema) {
        return new SharedLog(schema.url(), schema.user(), schema);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** A node's own pool on the shared store, its schema migrated; the caller closes the pool. */
    public HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    /** A node's store over {@code pool}, migrated. */
    public static Database node(HikariDataSource pool, Clock clock) {
        return Database.wrap(pool, clock);
    }

    /** A plain connection to the shared store (the test's own statements). */
    public Connection connect() throws SQLException {
        return keeper.getConnection();
    }

    @Override
    public void close() throws SQLException {
        keeper.close();
        if (schema != null) {
            schema.close();
        }
    }
}
