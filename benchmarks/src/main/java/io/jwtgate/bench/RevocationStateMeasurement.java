package io.jwtgate.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.session.Revocations;
import io.jwtgate.store.Database;
import io.jwtgate.store.RevocationStore;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

/**
 * Start-up load time and heap of the in-memory revocation state with many live revocations
 * (issue 13 item 3). Not a test and not run in CI:
 * {@code java -cp <classpath> io.jwtgate.bench.RevocationStateMeasurement h2|postgresql|mariadb [rows]}.
 * Fills a fresh store with unexpired token revocations (22-character ids, like JwtGate's) made over
 * the past hours (a steady state: the numbers of rows older than the gap grace period are not
 * awaited; a bulk insert on MariaDB leaves auto-increment gaps that a fresh one would), then
 * times {@code Revocations.refresh()} on an empty node, the heap it holds after GC, one incremental
 * refresh with nothing new and one sweep.
 */
public final class RevocationStateMeasurement {

    private RevocationStateMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        String engine = args.length > 0 ? args[0] : "h2";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Clock clock = Clock.systemUTC();
        try (MeasuredStore store = MeasuredStore.create(engine); HikariDataSource pool = store.pool(4)) {
            Database db = Database.wrap(pool, clock);
            long fillStart = System.nanoTime();
            fill(pool, engine, rows);
            System.out.printf("%s: %d rows inserted in %d ms%n", engine, rows, (System.nanoTime() - fillStart) / 1_000_000);
            long before = usedAfterGc();
            Revocations revocations = new Revocations(new RevocationStore(db), clock, Duration.ofSeconds(2),
                    Duration.ofHours(24), Duration.ofMinutes(6), Duration.ofSeconds(60));
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
            java.util.concurrent.ConcurrentHashMap<String, Long> copy = new java.util.concurrent.ConcurrentHashMap<>();
            for (int i = 0; i < rows; i++) {
                copy.put(id(i), Long.MAX_VALUE - i);
            }
            long now = clock.millis();
            long sweepStart = System.nanoTime();
            copy.values().removeIf(expiresAt -> expiresAt <= now);
            System.out.printf("%s: one sweep over %d entries (nothing expired): %d ms%n", engine, copy.size(),
                    (System.nanoTime() - sweepStart) / 1_000_000);
            System.out.println("keep " + revocations.isRevoked(id(1), null));
        }
    }

    static String id(int i) {
        return String.format("jti-%018d", i);
    }

    private static void fill(HikariDataSource pool, String engine, int rows) throws Exception {
        long hour = Duration.ofHours(1).toMillis();
        try (Connection c = pool.getConnection()) {
            if (engine.equals("h2")) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO jwtgate_revocation_log (kind, token_value, created_at, expires_at)"
                            + " SELECT 'jti', 'jti-' || LPAD(CAST(X AS VARCHAR), 18, '0'), "
                            + "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT) - " + 2 * hour + ", "
                            + "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT) + " + hour
                            + " FROM SYSTEM_RANGE(0, " + (rows - 1) + ")");
                }
            } else if (engine.equals("postgresql")) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO jwtgate_revocation_log (kind, token_value, created_at, expires_at)"
                            + " SELECT 'jti', 'jti-' || lpad(g::text, 18, '0'), "
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
                        p.setString(1, id(i));
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
