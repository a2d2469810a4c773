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
    private final Duration revocationMaxStaleness;
    private final boolean revocationPush;
    private final Duration auditRetention;

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
        revocationMaxStaleness = v.positiveDuration(Keys.REVOCATION_MAX_STALENESS, Duration.ofSeconds(60));
        // Below two refresh intervals one slow poll would already close the filter.
        if (revocationMaxStaleness.compareTo(revocationRefreshInterval.multipliedBy(2)) < 0) {
            throw v.error(Keys.REVOCATION_MAX_STALENESS, "must be at least twice " + Keys.REVOCATION_REFRESH_INTERVAL
                    + " (" + revocationRefreshInterval + "); raise it or shorten the interval");
        }
        revocationPush = v.bool(Keys.REVOCATION_PUSH, true);
        auditRetention = v.positiveDuration(Keys.AUDIT_RETENTION, Duration.ofDays(90));
        if (auditRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw v.error(Keys.AUDIT_RETENTION, "keep audit events at least one day (P1D); an incident is often"
                    + " looked into days later");
        }
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

    /**
     * How long the filter may answer from revocations it could not refresh before Bearer requests
     * get 503 ({@code jwtgate.revocation.max-staleness}).
     */
    public Duration revocationMaxStaleness() {
        return revocationMaxStaleness;
    }

    /** Whether revocations are also pushed to the other nodes where the database can (PostgreSQL NOTIFY). */
    public boolean revocationPush() {
        return revocationPush;
    }

    /** How long audit events are kept ({@code jwtgate.audit.retention}). */
    public Duration auditRetention() {
        return auditRetention;
    }

    /** The kind of store for the start-up log: the JNDI name, {@code url} (never the URL) or the H2 folder. */
    String describe() {
        return jdbcDatasource != null ? "jndi:" + jdbcDatasource : jdbcUrl != null ? "url" : "h2:" + dataDir;
    }
}
