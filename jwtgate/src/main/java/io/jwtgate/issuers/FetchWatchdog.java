package io.jwtgate.issuers;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends key-set fetches that outlive their deadline. A blocking read of {@code HttpURLConnection}
 * can only be ended from another thread (by disconnecting), and its read timeout applies per read:
 * a provider dripping one header byte at a time under it would otherwise hold the fetch, and every
 * request waiting for that issuer's keys, forever. One daemon thread, started by the first fetch (so
 * an application without trusted issuers, or whose providers are never asked, has none) and stopped
 * by {@link #close()} with JwtGate.
 */
public final class FetchWatchdog implements AutoCloseable {

    private ScheduledExecutorService executor;
    private boolean closed;

    /** Runs {@code abort} after {@code deadline} unless the returned future is cancelled first. */
    synchronized Future<?> abortAfter(Duration deadline, Runnable abort) {
        if (closed) {
            throw new IllegalStateException("JwtGate is closed");
        }
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "jwtgate-jwks-watchdog");
                t.setDaemon(true);
                return t;
            });
        }
        return executor.schedule(abort, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
