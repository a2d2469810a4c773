package io.jwtgate.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.session.Revocations;
import io.jwtgate.store.Database;
import io.jwtgate.store.RevocationStore;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Start-up load time and memory of the in-memory revocation state with many live revocations
 * (issue 13 item 3, issue 14 item 5). Not a test and not run in CI:
 * {@code java -cp <classpath> io.jwtgate.bench.RevocationStateMeasurement h2|postgresql|mariadb [rows] [canonical|other]}.
 * Fills a fresh store with unexpired token revocations made over the past hours (a steady state:
 * the numbers of rows older than the gap grace period are not awaited; a bulk insert on MariaDB
 * leaves auto-increment gaps that a fresh one would), then times {@code Revocations.refresh()} on
 * an empty node and reports the heap it holds after GC, one incremental refresh with nothing new,
 * and one sweep.
 *
 * <p>The ids are 22 characters. {@code canonical} (the default) ends them in {@code A}, so they have
 * the form of JwtGate's own ids and are held as their 16 bytes; {@code other} ends them in a digit,
 * as an external issuer's would be, and they are held as a keyed 128-bit tag. Beside the heap
 * figure, the same entries are built again in the same run and measured as the heap each adds
 * after GC: the table that {@code Revocations} now holds them in, and a {@code ConcurrentHashMap<String,
 * Long>} as it held them before (decision 620); a sweep with nothing expired is timed on both.
 */
public final class RevocationStateMeasurement {

    private RevocationStateMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        String engine = args.length > 0 ? args[0] : "h2";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        boolean canonical = args.length <= 2 || args[2].equals("canonical");
        Clock clock = Clock.systemUTC();
        try (MeasuredStore store = MeasuredStore.create(engine); HikariDataSource pool = store.pool(4)) {
            Database db = Database.wrap(pool, clock);
            long fillStart = System.nanoTime();
            fill(pool, engine, rows, canonical);
            System.out.printf("%s: %d rows inserted in %d ms (ids like %s)%n", engine, rows,
                    (System.nanoTime() - fillStart) / 1_000_000, id(1, canonical));
            long before = usedAfterGc();
            Revocations revocations = new Revocations(new RevocationStore(db), clock, Duration.ofSeconds(2),
                    // A staleness bound longer than the whole run: on a busy machine the measurements
                    // below take minutes, and the last look-up only keeps the node alive till then.
                    Duration.ofHours(24), Duration.ofMinutes(6), Duration.ofMinutes(30));
            long loadStart = System.nanoTime();
            revocations.refresh();
            long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
            long after = usedAfterGc();
            long[] incremental = new long[21];
            for (int i = 0; i < incremental.length; i++) {
                long incStart = System.nanoTime();
                revocations.refresh();
                incremental[i] = (System.nanoTime() - incStart) / 1_000;
            }
            java.util.Arrays.sort(incremental);
            long incMicros = incremental[incremental.length / 2];
            System.out.printf("%s: start-up load of %d revocations: %d ms; heap %.1f MB (%d bytes per entry);"
                    + " incremental refresh with nothing new (median of 21): %d us%n", engine, revocations.size(), loadMillis,
                    (after - before) / 1e6, (after - before) / Math.max(1, revocations.size()), incMicros);

            // The same entries built again beside the node's, each measured as the heap it adds after GC,
            // in the same run: the table alone, then the map the entries were held in before.
            Object table = tokenTable(revocations);
            long expiry = clock.millis() + Duration.ofHours(1).toMillis();
            long beforeTable = usedAfterGc();
            Object standalone = newTable();
            Method merge = standalone.getClass().getDeclaredMethod("merge", String.class, long.class);
            merge.setAccessible(true);
            for (int i = 0; i < rows; i++) {
                merge.invoke(standalone, new String(id(i, canonical).toCharArray()), expiry + i % 1000);
            }
            long tableBytes = usedAfterGc() - beforeTable;
            long beforeMap = usedAfterGc();
            ConcurrentHashMap<String, Long> map = new ConcurrentHashMap<>();
            for (int i = 0; i < rows; i++) {
                // A fresh String and Long per entry, as the rows read from the store gave them.
                map.put(new String(id(i, canonical).toCharArray()), Long.valueOf(expiry + i % 1000));
            }
            long mapBytes = usedAfterGc() - beforeMap;
            int slots = capacity(table);
            System.out.printf("%s: heap after GC, %d entries: ConcurrentHashMap<String, Long> %.1f MB (%.1f bytes per entry);"
                    + " RevokedIds %.1f MB (%.1f bytes per entry; its arrays: %d slots of 26 bytes, %.1f per entry);"
                    + " ratio %.3f%n", engine, rows, mapBytes / 1e6, (double) mapBytes / rows, tableBytes / 1e6,
                    (double) tableBytes / rows, slots, 26.0 * slots / revocations.size(), (double) tableBytes / mapBytes);

            long now = clock.millis();
            long sweepStart = System.nanoTime();
            map.values().removeIf(expiresAt -> expiresAt <= now);
            long mapSweep = System.nanoTime() - sweepStart;
            sweepStart = System.nanoTime();
            sweep(table, now);
            long tableSweep = System.nanoTime() - sweepStart;
            System.out.printf("%s: one sweep over %d entries (nothing expired): ConcurrentHashMap %d ms, RevokedIds %d ms%n",
                    engine, map.size(), mapSweep / 1_000_000, tableSweep / 1_000_000);
            System.out.println("keep " + revocations.isRevoked(id(1, canonical), null) + " " + map.size() + " "
                    + capacity(standalone));
        }
    }

    /**
     * The 22-character id of row {@code i}: ending in {@code A} it has the canonical form (16 bytes
     * in unpadded base64url); ending in a digit it cannot have it.
     */
    static String id(int i, boolean canonical) {
        return canonical ? String.format("jti-%017dA", i) : String.format("jti-%018d", i);
    }

    /** The table of revoked token ids inside {@code Revocations} (package-private, so reached reflectively). */
    private static Object tokenTable(Revocations revocations) throws ReflectiveOperationException {
        Field field = Revocations.class.getDeclaredField("tokens");
        field.setAccessible(true);
        return field.get(revocations);
    }

    private static Object newTable() throws ReflectiveOperationException {
        Constructor<?> constructor = Class.forName("io.jwtgate.session.RevokedIds").getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    private static int capacity(Object table) throws ReflectiveOperationException {
        Method method = table.getClass().getDeclaredMethod("capacity");
        method.setAccessible(true);
        return (int) method.invoke(table);
    }

    private static void sweep(Object table, long now) throws ReflectiveOperationException {
        Method method = table.getClass().getDeclaredMethod("sweep", long.class);
        method.setAccessible(true);
        method.invoke(table, now);
    }

    private static void fill(HikariDataSource pool, String engine, int rows, boolean canonical) throws Exception {
        long hour = Duration.ofHours(1).toMillis();
        try (Connection c = pool.getConnection()) {
            if (engine.equals("h2")) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO jwtgate_revocation_log (kind, token_value, created_at, expires_at)"
                            + " SELECT 'jti', " + (canonical ? "'jti-' || LPAD(CAST(X AS VARCHAR), 17, '0') || 'A'"
                                    : "'jti-' || LPAD(CAST(X AS VARCHAR), 18, '0')") + ", "
                            + "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT) - " + 2 * hour + ", "
                            + "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT) + " + hour
                            + " FROM SYSTEM_RANGE(0, " + (rows - 1) + ")");
                }
            } else if (engine.equals("postgresql")) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO jwtgate_revocation_log (kind, token_value, created_at, expires_at)"
                            + " SELECT 'jti', " + (canonical ? "'jti-' || lpad(g::text, 17, '0') || 'A'"
                                    : "'jti-' || lpad(g::text, 18, '0')") + ", "
                            + "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT) - " + 2 * hour + ", "
                            + "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT) + " + hour
                            + " FROM generate_series(0, " + (rows - 1) + ") g");
                    // As autovacuum would soon: without statistics the planner scans the table
                    // for the incremental read instead of walking the primary key.
                    s.execute("ANALYZE jwtgate_revocation_log");
                }
            } else {
                c.setAutoCommit(false);
                long now = System.currentTimeMillis();
                try (PreparedStatement p = c.prepareStatement("INSERT INTO jwtgate_revocation_log"
                        + " (kind, token_value, created_at, expires_at) VALUES ('jti', ?, ?, ?)")) {
                    for (int i = 0; i < rows; i++) {
                        p.setString(1, id(i, canonical));
                        p.setLong(2, now - 2 * hour);
                        p.setLong(3, now + hour);
                        p.addBatch();
                        if (i % 10_000 == 9_999) {
                            p.executeBatch();
                            c.commit();
                        }
                    }
                    p.executeBatch();
                    c.commit();
                }
                c.setAutoCommit(true);
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
