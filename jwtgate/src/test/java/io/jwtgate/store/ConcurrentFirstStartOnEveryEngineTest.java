package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwtgate.config.Settings;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Two nodes, each with its own pool, start at the same moment on one store: both come up, and every
 * migration step ran once (one {@code jwtgate_schema} row per version, no row copied twice by
 * migration 9). Runs on the engine of {@code test.jwtgate.database}; on H2 the two pools share the
 * file inside this JVM.
 */
class ConcurrentFirstStartOnEveryEngineTest {

    private final MutableClock clock = new MutableClock(Instant.now());
    private ExecutorService nodes;

    @BeforeEach
    void threads() {
        nodes = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThreads() {
        nodes.shutdownNow();
    }

    @RepeatedTest(3)
    void twoNodesStartingTogetherOnAnEmptyStoreBothStartAndEachMigrationRunsOnce(RepetitionInfo round)
            throws Exception {
        Settings settings = TestSettings.settings(TestSettings.params(
                Files.createTempDirectory("jwtgate-first-start-" + round.getCurrentRepetition())));
        List<Database> started = startTogether(settings);
        try {
            assertEquals(EngineRows.oneRowPerVersion(), EngineRows.schemaRows(started.get(0)));
            assertEquals(Schema.latestVersion(), started.get(1).schemaVersion());
        } finally {
            started.forEach(Database::close);
        }
    }

    @RepeatedTest(3)
    void twoNodesUpgradingAVersion8StoreTogetherCopyEachRevocationIntoTheLogOnce(RepetitionInfo round)
            throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-upgrade-together-" + round.getCurrentRepetition());
        Settings settings = TestSettings.settings(TestSettings.params(dir));
        long now = clock.millis();
        try (Database db = Database.openWithoutMigrating(settings)) {
            Schema.migrateUpTo(db, clock, 8);
            try (Connection c = db.connection()) {
                for (int i = 0; i < 5; i++) {
                    EngineRows.insert(c, "INSERT INTO jwtgate_revocations (kind, token_value, created_at, expires_at)"
                            + " VALUES (?, ?, ?, ?)", RevocationStore.TOKEN, "jti-" + i, now, now + 3_600_000L);
                }
            }
        }
        List<Database> started = startTogether(settings);
        try (Connection c = started.get(0).connection()) {
            assertEquals(EngineRows.oneRowPerVersion(), EngineRows.schemaRows(started.get(0)));
            assertEquals(5, EngineRows.count(c, "SELECT COUNT(*) FROM jwtgate_revocation_log"));
            assertEquals(5, EngineRows.count(c, "SELECT COUNT(DISTINCT token_value) FROM jwtgate_revocation_log"));
        } finally {
            started.forEach(Database::close);
        }
    }

    /** Both {@code Database.open} calls released by one latch; both must succeed. */
    private List<Database> startTogether(Settings settings) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Callable<Database> node = () -> {
            go.await();
            return Database.open(settings, clock);
        };
        Future<Database> a = nodes.submit(node);
        Future<Database> b = nodes.submit(node);
        go.countDown();
        Database first = a.get(2, TimeUnit.MINUTES);
        try {
            return List.of(first, b.get(2, TimeUnit.MINUTES));
        } catch (Exception e) {
            first.close();
            throw e;
        }
    }
}
