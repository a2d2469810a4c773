package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.Settings;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The migration lock's wait is bounded: a node that finds another node's migration going on for
 * longer than the bound gives up with a {@link StoreException} that says so, changes nothing, and
 * migrates once the lock is free. Runs on the engine of {@code test.jwtgate.database}.
 */
class MigrationLockOnEveryEngineTest {

    private static final Duration BOUND = Duration.ofSeconds(1);

    private final MutableClock clock = new MutableClock(Instant.now());
    private final ExecutorService otherNode = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        otherNode.shutdownNow();
    }

    @Test
    void aNodeWaitingPastTheBoundForAnotherNodesMigrationFailsSayingSoAndMigratesOnceTheLockIsFree()
            throws Exception {
        Settings settings = TestSettings.settings(TestSettings.params(Files.createTempDirectory("jwtgate-lock")));
        try (Database holder = Database.openWithoutMigrating(settings);
                Database waiting = Database.openWithoutMigrating(settings)) {
            MigrationLock lock = MigrationLock.of(holder.dialect(), BOUND);
            try (Connection held = holder.connection()) {
                lock.acquire(held);
                try {
                    Future<?> blocked = otherNode.submit(
                            () -> Schema.migrateUpTo(waiting, clock, Schema.latestVersion(), BOUND));
                    ExecutionException failed = assertThrows(ExecutionException.class,
                            () -> blocked.get(1, TimeUnit.MINUTES));
                    StoreException e = assertInstanceOf(StoreException.class, failed.getCause());
                    assertTrue(e.getMessage().startsWith("another node has been creating or upgrading the schema for"
                            + " more than 1 s"), e.getMessage());
                    assertEquals(0, waiting.schemaVersion(), "the node that gave up changed nothing");
                } finally {
                    lock.release(held);
                }
            }
            otherNode.submit(() -> Schema.migrateUpTo(waiting, clock, Schema.latestVersion(), BOUND))
                    .get(1, TimeUnit.MINUTES);
            assertEquals(EngineRows.oneRowPerVersion(), EngineRows.schemaRows(waiting));
        }
    }
}
