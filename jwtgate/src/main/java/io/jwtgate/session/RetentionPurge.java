package io.jwtgate.session;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.Lease;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.PurgeBatches;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.SessionStore;
import io.jwtgate.store.StoreException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The purge of one node: expired revocations and sessions, login failures past
 * {@code jwtgate.login.failure-retention} and audit events past {@code jwtgate.audit.retention}.
 * Among nodes sharing a store only the holder of the {@code purge} lease runs it; the others skip
 * the run. Every cut-off is the database's now less the retention, whichever node computes it: a
 * node whose clock runs ahead would otherwise delete the whole cluster's recent audit trail and end
 * its sessions early (finding S3, decision 565). Old rows go in short batches with a pause between them, the lease renewed at each, and a
 * bound per run, so a large backlog is worked off over several runs without holding locks a login
 * would wait on.
 */
public final class RetentionPurge implements Runnable {

    private static final System.Logger LOG = System.getLogger(RetentionPurge.class.getName());

    /** The lease row's name in {@code jwtgate_leases}. */
    static final String LEASE_NAME = "purge";
    /** Far longer than one batch and its pause: only a node that stopped loses the lease to expiry. */
    static final Duration LEASE_TTL = Duration.ofMinutes(2);
    static final int BATCH_SIZE = 1_000;
    /** 200 batches per table per run (every ten minutes): 1.2 million rows an hour at most. */
    static final int MAX_BATCHES = 200;
    static final Duration PAUSE = Duration.ofMillis(50);

    /** Waits between two batches, so other writers get the table; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Pause {
        /** @throws InterruptedException when the node is closing */
        void await() throws InterruptedException;
    }

    /** What one run did. */
    record Outcome(boolean ran, long auditEvents, long loginFailures) {
        static final Outcome SKIPPED = new Outcome(false, 0, 0);
    }

    private final Database db;
    private final Lease lease;
    private final RevocationStore revocations;
    private final SessionStore sessions;
    private final LoginFailureStore failures;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration failureRetention;
    private final Duration auditRetention;
    private final int batchSize;
    private final int maxBatches;
    private final Pause pause;

    /**
     * The purge of a node with a new random holder id.
     *
     * @param clock the node's clock, only compared with the database's to warn of a skew: the purge
     *        cuts in the database's time
     */
    public RetentionPurge(Database db, RevocationStore revocations, SessionStore sessions, LoginFailureStore failures,
            AuditLog audit, Clock clock, Duration failureRetention, Duration auditRetention) {
        this(db, new Lease(db, LEASE_NAME, UUID.randomUUID().toString(), LEASE_TTL), revocations, sessions, failures,
                audit, clock, failureRetention, auditRetention, BATCH_SIZE, MAX_BATCHES,
                () -> Thread.sleep(PAUSE.toMillis()));
    }

    RetentionPurge(Database db, Lease lease, RevocationStore revocations, SessionStore sessions,
            LoginFailureStore failures, AuditLog audit, Clock clock, Duration failureRetention, Duration auditRetention,
            int batchSize, int maxBatches, Pause pause) {
        this.db = db;
        this.lease = lease;
        this.revocations = revocations;
        this.sessions = sessions;
        this.failures = failures;
        this.audit = audit;
        this.clock = clock;
        this.failureRetention = failureRetention;
        this.auditRetention = auditRetention;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
        this.pause = pause;
    }

    @Override
    public void run() {
        runOnce();
    }

    /**
     * Runs the purge if this node gets the lease.
     *
     * @throws StoreException when the store fails (the lease is then left to expire if it cannot be released)
     */
    Outcome runOnce() {
        if (!lease.tryAcquire()) {
            LOG.log(Level.DEBUG, "purge skipped: another node holds the purge lease");
            return Outcome.SKIPPED;
        }
        try {
            long now = db.currentTimeMillis();
            warnOfSkew(now);
            revocations.purgeExpired();
            sessions.purgeExpired(now);
            PurgeBatches batches = new PurgeBatches(batchSize, maxBatches, this::betweenBatches);
            long oldFailures = failures.purgeOlderThan(now - failureRetention.toMillis(), batches);
            long oldEvents = audit.purgeOlderThan(now - auditRetention.toMillis(), batches);
            if (oldFailures + oldEvents > 0) {
                LOG.log(Level.INFO, "purged {0} audit events and {1} login failures past their retention",
                        oldEvents, oldFailures);
            }
            return new Outcome(true, oldEvents, oldFailures);
        } finally {
            release();
        }
    }

    /**
     * Audit events and session expiries are still stamped in node time (decision 565), so a node
     * far off the database's clock keeps its own events and sessions for longer or shorter than
     * configured; the purging node says so where an operator looks, at most once a run.
     */
    private void warnOfSkew(long databaseNow) {
        long skew = clock.millis() - databaseNow;
        if (Math.abs(skew) > SKEW_WARNING.toMillis()) {
            LOG.log(Level.WARNING, "this node''s clock is {0} s {1} the database''s; the purge cuts in the database''s"
                    + " time, but this node stamps audit events and session expiries in its own",
                    Math.abs(skew) / 1000, skew > 0 ? "ahead of" : "behind");
        }
    }

    /** Well above the drift NTP leaves and the time one statement takes. */
    static final Duration SKEW_WARNING = Duration.ofMinutes(1);

    /** Pauses, then keeps the lease; false (stop) when the node is closing or another node took over. */
    private boolean betweenBatches() {
        try {
            pause.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return lease.renew();
    }

    private void release() {
        try {
            lease.release();
        } catch (StoreException e) {
            // The store went away mid-purge: the lease expires by itself and another run takes it then.
            LOG.log(Level.WARNING, "purge lease not released, it will expire: {0}", e.getMessage());
        }
    }
}
