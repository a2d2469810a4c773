package io.jwtgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where JwtGate keeps its users, sessions and revocations: a JDBC URL or a JNDI DataSource
 * ({@code jwtgate.jdbc.*}), else the H2 file under {@code jwtgate.data-dir}, and how often the
 * revocations are reloaded from it ({@code jwtgate.revocation.refresh-interval}). Part of
 * {@link Settings}; the database password never appears in a message or {@code toString}.
 */
public final class StoreSettings {

    private final String jdbcUrl;
    private final String jdbcUsername;
    private final String jdbcPassword;
    private final String jdbcDatasource;
    private final int jdbcPoolSize;
    private final Path dataDir;
    private final Duration revocationRefreshInterval;

    StoreSettings(Values v) {
        jdbcUrl = v.optional(Keys.JDBC_URL);
        jdbcUsername = v.string(Keys.JDBC_USERNAME, "");
        jdbcPassword = v.raw(Keys.JDBC_PASSWORD) == null ? "" : v.raw(Keys.JDBC_PASSWORD);
        jdbcDatasource = v.optional(Keys.JDBC_DATASOURCE);
        if (jdbcUrl != null && jdbcDatasource != null) {
            throw v.error(Keys.JDBC_DATASOURCE, "both a JNDI DataSource and " + Keys.JDBC_URL
                    + " are set; keep only one of them");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
            throw v.error(Keys.JDBC_URL, "the URL must start with 'jdbc:', e.g. jdbc:postgresql://db/app");
        }
        jdbcPoolSize = v.integer(Keys.JDBC_POOL_SIZE, 10, 1, 200);
        dataDir = Path.of(v.string(Keys.DATA_DIR, Path.of(System.getProperty("user.home"), ".jwtgate").toString()));
        revocationRefreshInterval = v.positiveDuration(Keys.REVOCATION_REFRESH_INTERVAL, Duration.ofSeconds(2));
    }

    public Optional<String> jdbcUrl() {
        return Optional.ofNullable(jdbcUrl);
    }

    public String jdbcUsername() {
        return jdbcUsername;
    }

    public String jdbcPassword() {
        return jdbcPassword;
    }

    public Optional<String> jdbcDatasource() {
        return Optional.ofNullable(jdbcDatasource);
    }

    public int jdbcPoolSize() {
        return jdbcPoolSize;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Duration revocationRefreshInterval() {
        return revocationRefreshInterval;
    }

    /** The kind of store for the start-up log: the JNDI name, {@code url} (never the URL) or the H2 folder. */
    String describe() {
        return jdbcDatasource != null ? "jndi:" + jdbcDatasource : jdbcUrl != null ? "url" : "h2:" + dataDir;
    }
}
