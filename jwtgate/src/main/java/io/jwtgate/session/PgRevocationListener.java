package io.jwtgate.session;

import io.jwtgate.store.PgNotifications;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.StoreException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Listens on PostgreSQL for revocations announced by other nodes ({@code LISTEN jwtgate_revocations}
 * on one dedicated connection) and runs an incremental refresh at once when one arrives, so other
 * nodes refuse a revoked token within milliseconds rather than a refresh interval. Polling stays the
 * safety net. A lost connection is opened again with a growing delay (up to 30 s), followed by a
 * catch-up refresh, since notifications sent while nobody listened are gone (decision 464). The
 * connection's waits for the server are bounded ({@code Database.dedicatedConnection}), so a network
 * that goes silent, without resets, also ends in a lost connection and a new one (decision 536).
 */
public final class PgRevocationListener implements RevocationPush {

    private static final System.Logger LOG = System.getLogger(PgRevocationListener.class.getName());
    /** Longest wait for a notification in one call: bounds how long {@link #close()} waits. */
    private static final int WAIT_MILLIS = 500;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A quiet connection is checked this often: a dead peer behind a silent network sends no error. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(30);
    /** Shown in {@code pg_stat_activity}, so an operator sees which connection this is. */
    static final String APPLICATION_NAME = "jwtgate-revocation-listener";

    private final Supplier<Connection> connections;
    private final Runnable refresh;
    private final Clock clock;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean closed;
    private volatile Connection current;
    private volatile int backendPid;
    private volatile int sessions;
    private volatile int losses;

    /**
     * @param connections opens the dedicated connection (never a pooled one kept for ever)
     * @param refresh the incremental refresh, serialized with the poll
     */
    public PgRevocationListener(Supplier<Connection> connections, Runnable refresh, Clock clock) {
        this.connections = connections;
        this.refresh = refresh;
        this.clock = clock;
        this.thread = new Thread(this::run, "jwtgate-revocation-listener");
        thread.setDaemon(true);
    }

    @Override
    public void start() {
        thread.start();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try (Connection c = connections.get()) {
                int pid = listen(c);
                current = c;
                if (closed) {
                    return;
                }
                backendPid = pid;
                backoff = FIRST_BACKOFF;
                // Whatever was announced while nobody listened (at start, or during an outage) is read now.
                refreshQuietly();
                sessions++;
                await(c, PgNotifications.of(c));
            } catch (SQLException | StoreException e) {
                if (closed) {
                    return;
                }
                losses++;
                LOG.log(Level.WARNING, "revocation listener lost its connection ({0}); listening again in {1} ms,"
                        + " polling goes on meanwhile", e.getClass().getSimpleName(), backoff.toMillis());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                current = null;
            }
        }
    }

    private static int listen(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("SET application_name = '" + APPLICATION_NAME + "'");
            s.execute("LISTEN " + RevocationStore.CHANNEL);
            try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void await(Connection c, PgNotifications notifications) throws SQLException {
        long checkAt = clock.millis() + CHECK_EVERY.toMillis();
        while (!closed) {
            if (notifications.await(WAIT_MILLIS) > 0) {
                refreshQuietly();
            } else if (clock.millis() >= checkAt) {
                if (!c.isValid(5)) {
                    throw new SQLException("the listener connection stopped answering", "08006");
                }
                checkAt = clock.millis() + CHECK_EVERY.toMillis();
            }
        }
    }

    private void refreshQuietly() {
        try {
            refresh.run();
        } catch (StoreException e) {
            // The poll retries on its schedule; the staleness bound covers a longer outage.
            LOG.log(Level.WARNING, "refresh after a revocation notice failed: {0}", e.getMessage());
        } catch (RuntimeException e) {
            // Unexpected; ending the thread would leave only the poll, so it logs and listens on.
            LOG.log(Level.ERROR, "refresh after a revocation notice failed unexpectedly", e);
        }
    }

    private void pause(Duration d) {
        synchronized (wake) {
            if (!closed) {
                try {
                    wake.wait(d.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    /** The listening connection's server process id (0 before it first listens), for tests. */
    int backendPid() {
        return backendPid;
    }

    /** How many times the listener has started listening (1 + reconnections), for tests. */
    int sessions() {
        return sessions;
    }

    /** How many times the listener lost its connection or could not open one, for tests. */
    int losses() {
        return losses;
    }

    /** Ends the listener: closes its connection (which wakes a wait) and waits for the thread briefly. */
    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        Connection c = current;
        if (c != null) {
            // Aborted, not closed: closing from this thread would hand a container pool's connection
            // back while the listener thread still waits on it, and still listening; an aborted one
            // is discarded by the pool.
            try {
                c.abort(Runnable::run);
            } catch (SQLException | UnsupportedOperationException | AbstractMethodError e) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    LOG.log(Level.DEBUG, "closing the listener connection: {0}", closing.getMessage());
                }
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
