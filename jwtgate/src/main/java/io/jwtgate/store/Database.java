package io.jwtgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The connection source of one JwtGate instance: a HikariCP pool it owns (JDBC URL or the default
 * H2 file) or a container DataSource looked up in JNDI, which it does not own. Closing releases the
 * pool and deregisters JDBC drivers that this web application's class loader registered, so a
 * redeploy leaks neither threads nor drivers.
 */
public final class Database implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final Dialect dialect;

    private Database(DataSource dataSource, HikariDataSource ownedPool) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        try (Connection c = dataSource.getConnection()) {
            this.dialect = Dialect.of(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            close();
            throw SqlErrors.translate("connecting to the store", e);
        } catch (IllegalArgumentException e) {
            close();
            throw new ConfigurationException(Keys.JDBC_URL, e.getMessage() + "; use H2, PostgreSQL or MariaDB/MySQL");
        }
    }

    /** Opens the store the settings describe and brings its schema up to date. */
    public static Database open(Settings settings, Clock clock) {
        Database db = openWithoutMigrating(settings);
        try {
            Schema.migrate(db, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * Opens the store the settings describe as it is, without creating or upgrading its schema
     * (the command line's {@code schema status} reports before it changes anything).
     */
    public static Database openWithoutMigrating(Settings settings) {
        Database db;
        if (settings.store().jdbcDatasource().isPresent()) {
            db = new Database(lookup(settings.store().jdbcDatasource().get()), null);
        } else if (settings.store().jdbcUrl().isPresent()) {
            HikariDataSource pool = pool(settings, settings.store().jdbcUrl().get());
            db = new Database(pool, pool);
        } else {
            DefaultStore store = DefaultStore.of(settings);
            HikariDataSource pool = pool(settings, store.url());
            try {
                db = new Database(pool, pool);
            } catch (StoreException e) {
                // H2's own "The file is locked" names neither the setting nor the fix (decision 181).
                throw store.cannotOpen(rootCause(e, store.url()));
            }
        }
        return db;
    }

    /** Creates or upgrades the schema to {@link #latestSchemaVersion()} (what {@link #open} does). */
    public void migrateSchema(Clock clock) {
        Schema.migrate(this, clock);
    }

    /** The schema version the store holds: 0 for a store without JwtGate's tables. */
    public int schemaVersion() {
        return Schema.currentVersion(this);
    }

    /** The newest schema version this code knows. */
    public static int latestSchemaVersion() {
        return Schema.latestVersion();
    }

    /** Wraps an existing DataSource the caller owns (tests, programmatic set-ups). */
    public static Database wrap(DataSource dataSource, Clock clock) {
        Database db = new Database(dataSource, null);
        Schema.migrate(db, clock);
        return db;
    }

    private static HikariDataSource pool(Settings settings, String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        // Name the driver class so Hikari instantiates it directly: DriverManager scans for drivers
        // once per JVM, so a driver in WEB-INF/lib is invisible to it after the first deployment.
        config.setDriverClassName(driverFor(url));
        if (!settings.store().jdbcUsername().isEmpty()) {
            config.setUsername(settings.store().jdbcUsername());
        }
        if (!settings.store().jdbcPassword().isEmpty()) {
            config.setPassword(settings.store().jdbcPassword());
        }
        boundSocketWait(config, url);
        config.setPoolName("jwtgate");
        config.setMaximumPoolSize(settings.store().jdbcPoolSize());
        config.setMinimumIdle(Math.min(2, settings.store().jdbcPoolSize()));
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new ConfigurationException(Keys.JDBC_URL, "the pool cannot start (" + rootCause(e, url)
                    + "); check the URL and that the driver jar is in WEB-INF/lib");
        }
    }

    /**
     * A statement on a network that went silent (a partition: no answer, no reset) would wait for
     * ever, holding its request thread, or the maintenance thread and with it every later refresh
     * and purge. The server drivers get a socket timeout unless the URL names one (decision 469);
     * the schema migration lifts it for its own connection, as DDL on a large table may take long.
     */
    private static void boundSocketWait(HikariConfig config, String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("sockettimeout")) {
            return;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        } else if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS * 1000));
        }
    }

    /** Longer than any statement JwtGate runs outside a migration. */
    private static final int SOCKET_TIMEOUT_SECONDS = 60;

    /** The class of the JDBC driver on JwtGate's class path that accepts {@code url}. */
    private static String driverFor(String url) {
        for (Driver driver : ServiceLoader.load(Driver.class, Database.class.getClassLoader())) {
            try {
                if (driver.acceptsURL(url)) {
                    return driver.getClass().getName();
                }
            } catch (SQLException e) {
                LOG.log(Level.DEBUG, "driver {0} refused to judge the URL", driver.getClass().getName());
            }
        }
        throw new ConfigurationException(Keys.JDBC_URL, "no JDBC driver on the class path accepts the URL;"
                + " put the database's driver jar into WEB-INF/lib (H2 is included)");
    }

    /**
     * The innermost cause that says something, as "Class: message" (H2's "The file is locked: …"
     * rather than the bare OverlappingFileLockException beneath it), with the URL (which may hold
     * credentials) blanked.
     */
    static String rootCause(Throwable e, String url) {
        Throwable root = e;
        Throwable told = e.getMessage() == null ? null : e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null) {
                told = root;
            }
        }
        Throwable shown = told == null ? root : told;
        String message = shown.getMessage() == null ? "" : ": " + shown.getMessage().replace(url, "<jdbc url>");
        return shown.getClass().getSimpleName() + message;
    }

    /** The files H2 keeps for the default database of base name {@code base}: the MVStore and the trace log. */
    static List<String> h2Files(String base) {
        return List.of(base + ".mv.db", base + ".trace.db");
    }

    /** The files of the default database outside a servlet context (and of every one before decision 178). */
    static final List<String> DEFAULT_H2_FILES = h2Files(StoreFileName.LEGACY);

    /** The URL of the default database outside a servlet context, its directory and files prepared. */
    static String defaultH2Url(Path dataDir) {
        Path real = privateDirectory(dataDir);
        prepare(real, StoreFileName.LEGACY);
        return h2Url(real, StoreFileName.LEGACY);
    }

    static String h2Url(Path realDir, String base) {
        return "jdbc:h2:file:" + realDir.resolve(base) + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * The real path of the data directory, created {@code rwx------} when missing. Looked up once:
     * the checks and H2 use this real path, so a symbolic link swapped in for the configured path
     * afterwards is never followed (decision 152).
     */
    static Path privateDirectory(Path dataDir) {
        try {
            if (!Files.isDirectory(dataDir)) {
                // The database holds password hashes: a directory JwtGate creates is its owner's only.
                PrivateFiles.createDirectories(dataDir);
            }
            return PrivateFiles.realDirectory(dataDir);
        } catch (IOException e) {
            throw new ConfigurationException(Keys.DATA_DIR, "the directory " + dataDir
                    + " cannot be created or checked (" + e.getClass().getSimpleName()
                    + "); create it or point the key elsewhere");
        }
    }

    /** Checks {@code realDir} and creates or narrows the files of database {@code base} in it. */
    static void prepare(Path realDir, String base) {
        try {
            protectDefaultFiles(realDir, base);
        } catch (IOException e) {
            throw new ConfigurationException(Keys.DATA_DIR, "the directory " + realDir
                    + " cannot be created or checked (" + e.getClass().getSimpleName()
                    + "); create it or point the key elsewhere");
        }
    }

    /**
     * H2 creates its files with the process's umask, {@code rw-r--r--} mostly, and in a directory
     * JwtGate did not create that lets every local user read the password hashes. So before H2
     * opens them, the files are created empty and {@code rw-------} (an empty file is a new
     * MVStore to H2, and an empty trace file is appended to), existing ones are narrowed to that,
     * and a directory where other users could plant or replace them, or one below such a
     * directory, is refused (decisions 132 and 152). Each application's own files (decision 178)
     * follow the same rules.
     */
    private static void protectDefaultFiles(Path dir, String base) throws IOException {
        if (!PrivateFiles.posix(dir.toAbsolutePath())) {
            return;
        }
        UserPrincipal user = PrivateFiles.currentUser(dir);
        Optional<String> unsafeDir = PrivateFiles.directoryProblem(dir, user);
        if (unsafeDir.isPresent()) {
            throw new ConfigurationException(Keys.DATA_DIR, unsafeDir.get() + "; the default database there holds"
                    + " password hashes: make that directory writable by its owner only (chmod go-w, or chmod +t"
                    + " for a shared one like /tmp) or point the key at a directory of your own");
        }
        for (String name : h2Files(base)) {
            Path file = dir.resolve(name);
            if (PrivateFiles.createFileIfMissing(file)) {
                continue;
            }
            Optional<String> unsafeFile = PrivateFiles.fileProblem(file, user, false);
            if (unsafeFile.isPresent()) {
                throw new ConfigurationException(Keys.DATA_DIR, unsafeFile.get() + "; JwtGate opens only a default"
                        + " database of its own user: move the file away or give it to that user");
            }
            Set<PosixFilePermission> wide = PrivateFiles.groupOrOthers(
                    Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
            if (!wide.isEmpty()) {
                Files.setPosixFilePermissions(file, PrivateFiles.OWNER_ONLY_FILE);
                LOG.log(Level.WARNING, "{0} was open to other users ({1}); its permissions are now rw-------",
                        file, PosixFilePermissions.toString(wide));
            }
        }
    }

    private static DataSource lookup(String name) {
        try {
            Object found = new InitialContext().lookup(name.startsWith("java:") ? name : "java:comp/env/" + name);
            if (found instanceof DataSource) {
                return (DataSource) found;
            }
            throw new ConfigurationException(Keys.JDBC_DATASOURCE, "the JNDI name '" + name
                    + "' is bound to something other than a javax.sql.DataSource; fix the resource definition");
        } catch (NamingException e) {
            throw new ConfigurationException(Keys.JDBC_DATASOURCE, "the JNDI name '" + name
                    + "' cannot be looked up (" + e.getClass().getSimpleName()
                    + "); declare the resource in the container and a resource-ref in web.xml");
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * The database's own time in epoch milliseconds ({@code SELECT ${now}}): the one clock every
     * node sharing the store reads alike, for cut-offs that must not depend on which node computes
     * them (the retention purge, decision 565).
     *
     * @throws StoreException when the store fails
     */
    public long currentTimeMillis() {
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement(dialect.sql("SELECT ${now}"));
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the database's time", e);
        }
    }

    /**
     * A pooled connection; callers close it promptly and never hold it across bcrypt.
     *
     * @throws StoreUnavailableException when none can be had in time
     */
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.translate("getting a connection", e);
        }
    }

    /**
     * A connection outside the pool, for a caller that keeps it open for as long as it runs (the
     * PostgreSQL revocation listener): opened with the pool's own driver, URL and credentials, so
     * it does not take one of the pool's connections for ever. A container DataSource (JNDI) has no
     * such side door: its connection is held, and the container's pool needs one more.
     *
     * <p>Its waits for the server are bounded by {@link #DEDICATED_NETWORK_WAIT_SECONDS} (the
     * opening handshake included), so a network gone silent fails its holder, which opens another,
     * rather than leaving it blocked for ever (decision 536). A URL that names a socket timeout keeps
     * it; a container's connection keeps the network timeout its pool gave it, when it has one.
     *
     * @throws StoreUnavailableException when none can be opened
     */
    public Connection dedicatedConnection() {
        if (ownedPool == null) {
            Connection c = connection();
            try {
                if (c.getNetworkTimeout() == 0) {
                    Sql.boundNetworkWait(c, DEDICATED_NETWORK_WAIT_SECONDS * 1000);
                }
            } catch (SQLException | UnsupportedOperationException | AbstractMethodError e) {
                // A driver that cannot tell keeps its own timeout, as boundNetworkWait does.
                LOG.log(Level.DEBUG, "the dedicated connection keeps its driver's network timeout");
            }
            return c;
        }
        try {
            Driver driver = (Driver) Class.forName(ownedPool.getDriverClassName(), true, Database.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
            java.util.Properties properties = new java.util.Properties();
            if (ownedPool.getUsername() != null) {
                properties.setProperty("user", ownedPool.getUsername());
            }
            if (ownedPool.getPassword() != null) {
                properties.setProperty("password", ownedPool.getPassword());
            }
            String url = ownedPool.getJdbcUrl();
            String lower = url.toLowerCase(java.util.Locale.ROOT);
            if (!lower.contains("sockettimeout")) {
                // A driver property rather than setNetworkTimeout afterwards: it bounds the handshake too.
                if (lower.startsWith("jdbc:postgresql:")) {
                    properties.setProperty("socketTimeout", String.valueOf(DEDICATED_NETWORK_WAIT_SECONDS));
                } else if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
                    properties.setProperty("socketTimeout", String.valueOf(DEDICATED_NETWORK_WAIT_SECONDS * 1000));
                }
            }
            Connection c = driver.connect(url, properties);
            if (c == null) {
                throw new SQLException("the driver does not accept the URL");
            }
            return c;
        } catch (SQLException e) {
            throw SqlErrors.translate("opening a dedicated connection", e);
        } catch (ReflectiveOperationException e) {
            throw new StoreUnavailableException("the JDBC driver cannot be instantiated: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The longest wait for the server on a {@link #dedicatedConnection()}. The listener on it waits
     * for notifications 0.5 s at a time (the driver applies that shorter timeout to the wait and puts
     * this one back after it) and checks a quiet connection with a 5 s validity check; everything
     * else it runs there (the handshake, LISTEN, one SELECT) answers at once. Twice the check, and
     * the PostgreSQL driver's own default for opening a connection.
     */
    static final int DEDICATED_NETWORK_WAIT_SECONDS = 10;

    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
            deregisterOwnDrivers();
        }
    }

    private static void deregisterOwnDrivers() {
        ClassLoader ours = Database.class.getClassLoader();
        if (ours == ClassLoader.getSystemClassLoader()) {
            // Not inside a web application: the drivers belong to the whole JVM.
            return;
        }
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == ours) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "could not deregister JDBC driver " + driver.getClass().getName(), e);
                }
            }
        }
    }
}
