package io.jwtgate.session;

import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.SessionStore;
import io.jwtgate.store.StoreException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread per JwtGate instance: picks up other nodes' revocations every
 * {@code revocation.refresh-interval} and purges expired rows every ten minutes. A store outage
 * only delays both; the in-memory revocations keep answering.
 */
public final class Maintenance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Maintenance.class.getName());
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final ScheduledExecutorService executor;
    private final Revocations revocations;
    private final RevocationStore revocationStore;
    private final SessionStore sessions;
    private final LoginFailureStore failures;
    private final Clock clock;
    private final Duration failureRetention;

    public Maintenance(Revocations revocations, RevocationStore revocationStore, SessionStore sessions,
            LoginFailureStore failures, Clock clock, Duration failureRetention) {
        this.revocations = revocations;
        this.revocationStore = revocationStore;
        this.sessions = sessions;
        this.failures = failures;
        this.clock = clock;
        this.failureRetention = failureRetention;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jwtgate-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules the work; the first revocation load has already happened on the caller's thread. */
    public void start(Duration refreshInterval) {
        long every = refreshInterval.toMillis();
        executor.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::purgeQuietly, PURGE_EVERY.toMillis(), PURGE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            revocations.refresh();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "revocations not refreshed, keeping the ones in memory: {0}", e.getMessage());
        }
    }

    /** Deletes expired revocations, refresh tokens, token records and old login failures. */
    public void purge() {
        long now = clock.millis();
        revocationStore.purgeExpired(now);
        sessions.purgeExpired(now);
        failures.purgeOlderThan(now - failureRetention.toMillis());
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "purge skipped: {0}", e.getMessage());
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
