package io.jwtgate.issuers;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * by {@link #close()} with JwtGate, which ends the fetches still in flight at once.
 */
public final class FetchWatchdog implements AutoCloseable {

    /** A scheduled abort; {@link #cancel()} once the fetch is over. */
    interface Deadline {
        void cancel();
    }

    private final Set<Runnable> inFlight = new LinkedHashSet<>();
    private ScheduledExecutorService executor;
    private boolean closed;

    /**
     * Runs {@code abort} after {@code deadline} unless cancelled first; at once when JwtGate is closed or
     * closes meanwhile.
     */
    Deadline abortAfter(Duration deadline, Runnable abort) {
        Runnable once = new Runnable() {
            @Override
            public void run() {
                if (forget(this)) {
                    abort.run();
                }
            }
        };
        Future<?> scheduled;
        synchronized (this) {
            if (closed) {
                abort.run();
                return () -> { };
            }
            if (executor == null) {
                executor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "jwtgate-jwks-watchdog");
                    t.setDaemon(true);
                    return t;
                });
            }
            inFlight.add(once);
            scheduled = executor.schedule(once, deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
        return () -> {
            forget(once);
            scheduled.cancel(false);
        };
    }

    private synchronized boolean forget(Runnable abort) {
        return inFlight.remove(abort);
    }

    /** Ends every fetch still in flight now (JwtGate is going away) and stops the thread. */
    @Override
    public void close() {
        List<Runnable> pending;
        synchronized (this) {
            closed = true;
            if (executor != null) {
                executor.shutdownNow();
            }
            pending = List.copyOf(inFlight);
        }
        // Outside the lock: each abort disconnects a connection and forgets itself.
        pending.forEach(Runnable::run);
    }
}
