package io.jwtgate.session;

import io.jwtgate.store.StoreException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Two daemon threads per JwtGate instance: one picks up other nodes' revocations every
 * {@code revocation.refresh-interval}, the other purges expired and old rows every ten minutes (one
 * node at a time, {@link RetentionPurge}), so a long purge never delays a refresh. A store outage
 * only delays both; the in-memory revocations keep answering. No exception ends the schedule: a
 * scheduled task that throws is never run again, so each run catches everything it can.
 */
public final class Maintenance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Maintenance.class.getName());
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final ScheduledExecutorService executor;
    private final Runnable refresh;
    private final Runnable purge;

    /**
     * @param purge the node's purge (a {@link RetentionPurge}: run by one node at a time, in batches)
     */
    public Maintenance(Revocations revocations, Runnable purge) {
        this(revocations::refresh, purge);
    }

    /** The work itself, given as tasks (tests inject failing ones). */
    Maintenance(Runnable refresh, Runnable purge) {
        this.refresh = refresh;
        this.purge = purge;
        // Two threads: a purge working through a backlog must not hold up the revocation refresh
        // behind it (each task still never overlaps itself: fixed delay).
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "jwtgate-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules the work; the first revocation load has already happened on the caller's thread. */
    public void start(Duration refreshInterval) {
        start(refreshInterval, PURGE_EVERY);
    }

    void start(Duration refreshInterval, Duration purgeInterval) {
        long every = refreshInterval.toMillis();
        executor.scheduleWithFixedDelay(() -> guarded("revocations not refreshed, keeping the ones in memory", refresh),
                every, every, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> guarded("purge skipped", purge), purgeInterval.toMillis(),
                purgeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Deletes expired revocations, refresh tokens and token records, and login failures and audit
     * events past their retention, unless another node holds the purge lease.
     */
    public void purge() {
        purge.run();
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, what + ": {0}", e.getMessage());
        } catch (RuntimeException | Error e) {
            // Unexpected, but the next run may well succeed; stopping silently would leave this
            // node blind to other nodes' revocations until restart.
            LOG.log(Level.ERROR, what + " (unexpected failure, will retry)", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
