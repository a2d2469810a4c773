package io.jwtgate.support;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine the database-touching suites run on, chosen by the system property
 * {@value #PROPERTY} = {@code h2} (the default), {@code postgresql} or {@code mariadb} (the surefire
 * executions of the same names set it). On a server engine every test data directory is given a
 * fresh schema of its own, created on first use and dropped when the test JVM ends; the URL carries
 * the (password-less) local test user, so a test that opens it with {@code DriverManager} reaches the
 * same rows as the application it started.
 */
public final class TestDatabase {

    /** The system property naming the engine. */
    public static final String PROPERTY = "test.jwtgate.database";

    private static final Registry REGISTRY = new Registry();

    private TestDatabase() {
    }

    /** The real server the suite runs on, or empty for the default H2 file. */
    public static Optional<RealDatabase> engine() {
        String value = System.getProperty(PROPERTY, "h2").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "h2" -> Optional.empty();
            case "postgresql", "postgres" -> Optional.of(RealDatabase.POSTGRESQL);
            case "mariadb", "mysql" -> Optional.of(RealDatabase.MARIADB);
            default -> throw new IllegalArgumentException(PROPERTY + " must be h2, postgresql or mariadb, not '"
                    + value + "'");
        };
    }

    /** The schema URL of the data directory {@code dataDir} on the selected server engine, or empty on H2. */
    public static Optional<String> serverUrl(Path dataDir) {
        return engine().map(db -> REGISTRY.urlFor(db, dataDir));
    }

    /** The URL with the server's test user in it: tests open it with {@code DriverManager} alone. */
    public static String withUser(RealDatabase.Schema schema) {
        return schema.url() + (schema.url().contains("?") ? "&" : "?") + "user=" + schema.user();
    }

    /** Schemas by data directory, dropped together by a JVM shutdown hook. */
    private static final class Registry {
        private final Map<Path, String> urls = new ConcurrentHashMap<>();
        private final List<RealDatabase.Schema> created = new ArrayList<>();
        private boolean hooked;

        String urlFor(RealDatabase db, Path dataDir) {
            return urls.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> create(db));
        }

        private synchronized String create(RealDatabase db) {
            RealDatabase.Schema schema = db.create();
            created.add(schema);
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll, "drop-test-schemas"));
            }
            return withUser(schema);
        }

        private synchronized void dropAll() {
            for (RealDatabase.Schema schema : created) {
                try {
                    schema.close();
                } catch (SQLException e) {
                    // A schema left behind costs disk space only; the next run uses fresh names.
                    System.err.println("could not drop test schema: " + e.getMessage());
                }
            }
        }
    }
}
