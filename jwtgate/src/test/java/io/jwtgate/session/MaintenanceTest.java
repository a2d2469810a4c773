package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The maintenance schedule outlives any failure of its tasks. */
class MaintenanceTest {

    @Test
    void refreshAndPurgeKeepRunningAfterRuntimeExceptionsAndErrors() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        CountDownLatch thirdRefresh = new CountDownLatch(3);
        CountDownLatch thirdPurge = new CountDownLatch(3);
        Runnable refresh = () -> {
            int run = refreshes.incrementAndGet();
            thirdRefresh.countDown();
            if (run == 1) {
                throw new IllegalStateException("injected: an unexpected runtime failure");
            }
            if (run == 2) {
                throw new NoClassDefFoundError("injected: an error");
            }
        };
        Runnable purge = () -> {
            thirdPurge.countDown();
            throw new ArithmeticException("injected: every purge fails");
        };
        try (Maintenance maintenance = new Maintenance(refresh, purge)) {
            maintenance.start(Duration.ofMillis(5), Duration.ofMillis(5));
            // Bounded waits for runs that must happen; they return as soon as they do.
            assertTrue(thirdRefresh.await(60, TimeUnit.SECONDS), "refresh stopped after " + refreshes.get() + " runs");
            assertTrue(thirdPurge.await(60, TimeUnit.SECONDS), "purge stopped after a failure");
        }
    }
}
