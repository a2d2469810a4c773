package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.config.Settings;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.Lease;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.PurgeBatches;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.SessionStore;
import io.jwtgate.support.Eventually;
import io.jwtgate.support.FailureRows;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retention (issue 13, item 6) on H2, PostgreSQL and MariaDB: rows past their retention go in
 * bounded batches, younger ones stay, and the purge lease lets one node at a time run it.
 *
 * <p>The purge cuts at the database's now (decision 565), which no test can fix: rows are stamped
 * relative to the database's now read before them, with a margin of {@link #MARGIN} on each side of
 * the cut-off (far more than a test takes); the exact edge is tested on {@code AuditLog.purgeOlderThan}
 * with an explicit cut-off.
 */
class RetentionPurgeTest {

    private static final Duration MARGIN = Duration.ofMinutes(10);
    private static final Duration AUDIT_RETENTION = Duration.ofDays(90);
    private static final Duration FAILURE_RETENTION = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** One store, on the named engine; closed after the test. */
    private Settings store(String engine) {
        Map<String, String> p = TestSettings.params(dir);
        if (!engine.equals("h2")) {
            RealDatabase.Schema schema = RealDatabase.valueOf(engine).create();
            opened.add(schema);
            p.put("jwtgate.jdbc.url", schema.url());
            p.put("jwtgate.jdbc.username", schema.user());
        }
        return TestSettings.settings(p);
    }

    /** A node's own pool on the store. */
    private Database node(Settings settings) {
        Database db = Database.open(settings, Clock.systemUTC());
        opened.add(0, db);
        return db;
    }

    @org.junit.jupiter.api.AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private static RetentionPurge purge(Database db, Clock clock, String holder, int batchSize, int maxBatches,
            RetentionPurge.Pause pause) {
        return new RetentionPurge(db, new Lease(db, RetentionPurge.LEASE_NAME, holder, Duration.ofMinutes(2)),
                new RevocationStore(db), new SessionStore(db), new LoginFailureStore(db), new AuditLog(db, clock), clock,
                FAILURE_RETENTION, AUDIT_RETENTION, batchSize, maxBatches, pause);
    }

    /** The database's now, the instant the purge's cut-offs are computed from. */
    private static Instant databaseNow(Database db) {
        return Instant.ofEpochMilli(db.currentTimeMillis());
    }

    /** A clock days off the database's: the purge must not care. */
    private static Clock offBy(Duration skew) {
        return new MutableClock(Instant.now().plus(skew));
    }

    private static void auditAt(Database db, Instant at, String user) {
        new AuditLog(db, Clock.fixed(at, java.time.ZoneOffset.UTC)).record("login_succeeded", user, "127.0.0.1", Map.of());
    }

    private static List<String> remaining(Database db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static int count(Database db, String table) throws SQLException {
        return remaining(db, "SELECT id FROM " + table).size();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "POSTGRESQL", "MARIADB"})
    void rowsPastTheirRetentionGoAndYoungerOnesStay(String engine) throws Exception {
        Database db = node(store(engine));
        Instant auditCutoff = databaseNow(db).minus(AUDIT_RETENTION);
        auditAt(db, auditCutoff.minus(MARGIN), "older");
        auditAt(db, auditCutoff.plus(MARGIN), "younger");
        // Failure rows live in the database's time (decision 530): they are aged there, not
        // placed by the test's clock, so the edge is a minute wide on each side.
        LoginFailureStore failures = new LoginFailureStore(db);
        for (String subject : List.of("older", "younger")) {
            failures.reserve(LoginFailureStore.USER, subject);
        }
        try (Connection c = db.connection()) {
            FailureRows.age(c, LoginFailureStore.USER, "older", FAILURE_RETENTION.plusMinutes(1));
            FailureRows.age(c, LoginFailureStore.USER, "younger", FAILURE_RETENTION.minusMinutes(1));
        }

        RetentionPurge.Outcome outcome = purge(db, Clock.systemUTC(), "node-a", 1000, 10, () -> { }).runOnce();

        assertTrue(outcome.ran());
        assertEquals(1, outcome.auditEvents());
        assertEquals(1, outcome.loginFailures());
        assertEquals(List.of("younger"), remaining(db, "SELECT username FROM jwtgate_audit_events"));
        assertEquals(List.of("younger"), remaining(db, "SELECT subject FROM jwtgate_login_failures"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "POSTGRESQL", "MARIADB"})
    void anAuditEventExactlyAtTheCutOffGoesAndOneAMillisecondYoungerStays(String engine) throws Exception {
        Database db = node(store(engine));
        Instant cutoff = Instant.parse("2026-06-01T12:00:00Z");
        auditAt(db, cutoff.minusMillis(1), "older");
        auditAt(db, cutoff, "at-the-edge");
        auditAt(db, cutoff.plusMillis(1), "younger");

        long deleted = new AuditLog(db, Clock.systemUTC()).purgeOlderThan(cutoff.toEpochMilli(),
                new PurgeBatches(1000, 10, () -> true));

        assertEquals(2, deleted);
        assertEquals(List.of("younger"), remaining(db, "SELECT username FROM jwtgate_audit_events"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "POSTGRESQL", "MARIADB"})
    void aNodeWhoseClockIsDaysAheadOrBehindCutsAtTheDatabasesNow(String engine) throws Exception {
        // Finding S3: the purging node's clock set the cut-offs, so one ahead by more than the
        // retention deleted recent events of every node and ended live sessions.
        Database db = node(store(engine));
        Instant now = databaseNow(db);
        Instant auditCutoff = now.minus(AUDIT_RETENTION);
        SessionStore sessions = new SessionStore(db);
        for (Duration skew : List.of(Duration.ofDays(200), Duration.ofDays(-200))) {
            String run = skew.isNegative() ? "behind" : "ahead";
            auditAt(db, auditCutoff.minus(MARGIN), "older-" + run);
            auditAt(db, auditCutoff.plus(MARGIN), "younger-" + run);
            long created = now.minus(Duration.ofHours(2)).toEpochMilli();
            sessions.insertRefresh("expired-" + run, "s-" + run, "u", java.util.Set.of(), created,
                    now.minus(MARGIN).toEpochMilli(), now.plus(Duration.ofDays(1)).toEpochMilli(), "aud");
            sessions.insertRefresh("live-" + run, "s-" + run, "u", java.util.Set.of(), created,
                    now.plus(MARGIN).toEpochMilli(), now.plus(Duration.ofDays(1)).toEpochMilli(), "aud");

            RetentionPurge.Outcome outcome = purge(db, offBy(skew), "node-" + run, 1000, 10, () -> { }).runOnce();

            assertTrue(outcome.ran());
            assertEquals(1, outcome.auditEvents(), "a node " + run);
            assertEquals(List.of("younger-" + run), remaining(db, "SELECT username FROM jwtgate_audit_events"
                    + " WHERE username LIKE '%-" + run + "'"));
            assertEquals(List.of("live-" + run), remaining(db, "SELECT token_hash FROM jwtgate_refresh_tokens"
                    + " WHERE session_id = 's-" + run + "'"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "POSTGRESQL", "MARIADB"})
    void aRunDeletesAtMostItsBoundOfBatchesPausingBetweenThemAndTheNextRunGoesOn(String engine) throws Exception {
        Database db = node(store(engine));
        Instant now = databaseNow(db);
        Instant old = now.minus(AUDIT_RETENTION).minus(Duration.ofDays(1));
        for (int i = 0; i < 25; i++) {
            auditAt(db, old.plusSeconds(i), "user" + i);
        }
        auditAt(db, now, "today");
        AtomicInteger pauses = new AtomicInteger();
        RetentionPurge purge = purge(db, Clock.systemUTC(), "node-a", 10, 2, pauses::incrementAndGet);

        assertEquals(20, purge.runOnce().auditEvents(), "two batches of ten");
        assertEquals(1, pauses.get(), "one pause between the two batches");
        assertEquals(6, count(db, "jwtgate_audit_events"));
        // The oldest went first: what is left is the youngest of the old rows.
        assertTrue(remaining(db, "SELECT username FROM jwtgate_audit_events").containsAll(
                List.of("user20", "user21", "user22", "user23", "user24", "today")));

        assertEquals(5, purge.runOnce().auditEvents());
        assertEquals(List.of("today"), remaining(db, "SELECT username FROM jwtgate_audit_events"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "POSTGRESQL", "MARIADB"})
    void whileOneNodePurgesAnotherSkipsAndRunsOnceTheLeaseIsReleased(String engine) throws Exception {
        Settings settings = store(engine);
        Database a = node(settings);
        Database b = node(settings);
        Instant old = databaseNow(a).minus(AUDIT_RETENTION).minus(Duration.ofDays(1));
        for (int i = 0; i < 3; i++) {
            auditAt(a, old.plusSeconds(i), "user" + i);
        }
        CountDownLatch inPause = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        RetentionPurge nodeA = purge(a, Clock.systemUTC(), "node-a", 1, 10, () -> {
            inPause.countDown();
            goOn.await();
        });
        RetentionPurge nodeB = purge(b, Clock.systemUTC(), "node-b", 1, 10, () -> { });
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<RetentionPurge.Outcome> running = thread.submit(nodeA::runOnce);
            assertTrue(inPause.await(60, TimeUnit.SECONDS), "node A never reached its first pause");

            assertFalse(nodeB.runOnce().ran(), "node B purged while node A held the lease");

            goOn.countDown();
            RetentionPurge.Outcome outcomeA = running.get(60, TimeUnit.SECONDS);
            assertTrue(outcomeA.ran());
            assertEquals(3, outcomeA.auditEvents());
            assertTrue(nodeB.runOnce().ran(), "node A released the lease at the end of its run");
        } finally {
            goOn.countDown();
            thread.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "POSTGRESQL", "MARIADB"})
    void ofNodesTakingTheLeaseAtOnceExactlyOneGetsIt(String engine) throws Exception {
        Settings settings = store(engine);
        Database a = node(settings);
        Database b = node(settings);
        int nodes = 8;
        ExecutorService threads = Executors.newFixedThreadPool(nodes);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Lease lease = new Lease(i % 2 == 0 ? a : b, "purge", "node-" + i, Duration.ofMinutes(2));
                tries.add(threads.submit(() -> {
                    start.await();
                    return lease.tryAcquire();
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> t : tries) {
                winners += t.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "POSTGRESQL", "MARIADB"})
    void aLeaseLeftByANodeThatStoppedExpiresAndAnotherNodeTakesIt(String engine) throws Exception {
        Settings settings = store(engine);
        Lease stopped = new Lease(node(settings), "purge", "stopped-node", Duration.ofSeconds(2));
        Lease other = new Lease(node(settings), "purge", "other-node", Duration.ofMinutes(2));
        assertTrue(stopped.tryAcquire());
        assertFalse(other.tryAcquire(), "the lease is held and unexpired");

        // The stopped node never renews nor releases; the lease runs out in database time.
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50))
                .until("the expired lease is taken over", other::tryAcquire);
        assertFalse(stopped.renew(), "a node that overran its lease learns that it lost it");
        assertTrue(other.renew());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "POSTGRESQL", "MARIADB"})
    void purgesRunningWhileLoginsCountAndReleaseFailuresMakeNeitherFail(String engine) throws Exception {
        // On MariaDB a range DELETE (failed_at <= cut-off) read and locked the first row past the cut-off, the
        // live row these logins reserve and release, and deadlocked with them (decision 484).
        Settings settings = store(engine);
        Database purging = node(settings);
        Database loggingIn = node(settings);
        LoginFailureStore failures = new LoginFailureStore(loggingIn);
        RetentionPurge purge = purge(purging, Clock.systemUTC(), "node-a", 2, 1000, () -> { });
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        List<Throwable> loginErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger logins = new AtomicInteger();
        Thread login = new Thread(() -> {
            while (!done.get()) {
                try {
                    String id = failures.reserve(LoginFailureStore.USER, "alice");
                    failures.ages(LoginFailureStore.USER, "alice", Duration.ofMinutes(1), 10);
                    failures.release(LoginFailureStore.USER, "alice", id);
                    logins.incrementAndGet();
                } catch (RuntimeException e) {
                    loginErrors.add(e);
                }
            }
        });
        login.start();
        try {
            for (int run = 0; run < 100; run++) {
                for (int i = 0; i < 5; i++) {
                    String group = "10.0.0." + i;
                    failures.reserve(LoginFailureStore.ADDRESS, group);
                    try (Connection c = purging.connection()) {
                        FailureRows.age(c, LoginFailureStore.ADDRESS, group, FAILURE_RETENTION.plusMinutes(1));
                    }
                }
                assertEquals(5, purge.runOnce().loginFailures());
            }
        } finally {
            done.set(true);
            login.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertEquals(List.of(), loginErrors);
        assertTrue(logins.get() > 0, "the login thread never ran");
    }

    @Test
    void jwtGatePurgesAuditEventsPastTheConfiguredRetention() throws Exception {
        Map<String, String> p = TestSettings.params(dir);
        p.put("jwtgate.audit.retention", "P2D");
        try (JwtGate gate = JwtGate.start(TestSettings.settings(p), Clock.systemUTC())) {
            Database db = node(TestSettings.settings(p));
            Instant now = databaseNow(db);
            auditAt(db, now.minus(Duration.ofDays(3)), "three-days-ago");
            auditAt(db, now.minus(Duration.ofDays(1)), "yesterday");

            gate.purgeExpired();

            assertEquals(List.of("yesterday"), remaining(db, "SELECT username FROM jwtgate_audit_events"));
        }
    }
}
