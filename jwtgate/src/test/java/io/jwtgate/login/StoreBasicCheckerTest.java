package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.rules.RoleScopes;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.UserStore;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.web.AuthOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic checks with real bcrypt and H2: concurrent requests with one set of credentials share one check. */
class StoreBasicCheckerTest {

    private static final int THREADS = 8;

    @TempDir
    Path dir;

    private List<AuthOutcome> concurrently(StoreBasicChecker checker, String user, String password) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AuthOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return checker.check(user, password, "192.0.2.1");
            }));
        }
        go.countDown();
        List<AuthOutcome> outcomes = new ArrayList<>();
        for (Future<AuthOutcome> f : futures) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        return outcomes;
    }

    @Test
    void concurrentIdenticalCredentialsShareOneCheck() throws Exception {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.login.max-failures", "100");
        Seed.users(params);
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(TestSettings.settings(params), clock)) {
            UserStore users = new UserStore(db, clock, io.jwtgate.login.UsernameKey::of);
            LoginFailureStore failures = new LoginFailureStore(db);
            AuditLog audit = new AuditLog(db, clock);
            LoginThrottle throttle = new LoginThrottle(failures, audit, 100, Duration.ofMinutes(5), 1000, 64);
            StoreBasicChecker checker = new StoreBasicChecker(new CredentialChecker(users, new PasswordHasher(10)),
                    RoleScopes.parse("user=messages:read"), throttle, new BasicCache(clock),
                    new BasicFailureAudit(audit, clock, Duration.ofMinutes(5), 64));

            for (AuthOutcome outcome : concurrently(checker, "alice", "not her password")) {
                assertInstanceOf(AuthOutcome.Rejected.class, outcome);
            }
            String aliceId = users.findByUsername("alice").orElseThrow().id();
            int recorded = failures.ages(LoginFailureStore.USER, aliceId, Duration.ofDays(1), 1000).size();
            assertTrue(recorded >= 1 && recorded < THREADS,
                    recorded + " failures recorded for " + THREADS + " simultaneous identical attempts");

            for (AuthOutcome outcome : concurrently(checker, "alice", Seed.PASSWORD)) {
                assertEquals("alice", ((AuthOutcome.Authenticated) outcome).authentication().username());
            }
        }
    }

    /** A clock that runs a hook the first time it is read: here, between a check's bcrypt and its put. */
    private static final class HookClock extends Clock {
        private final Clock base = Clock.systemUTC();
        private Runnable hook;

        HookClock(Runnable hook) {
            this.hook = hook;
        }

        @Override
        public java.time.ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            Runnable once = hook;
            hook = null;
            if (once != null) {
                once.run();
            }
            return base.instant();
        }
    }

    @Test
    void aPasswordChangeDuringARunningCheckKeepsTheOldPasswordOutOfTheCache() throws Exception {
        Map<String, String> params = TestSettings.params(dir);
        Seed.users(params);
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(TestSettings.settings(params), clock)) {
            UserStore users = new UserStore(db, clock, io.jwtgate.login.UsernameKey::of);
            PasswordHasher hasher = new PasswordHasher(10);
            String aliceId = users.findByUsername("alice").orElseThrow().id();
            BasicCache[] cache = new BasicCache[1];
            // The cache reads its clock first in put(), after the check has read the old hash and run
            // bcrypt: that is when the password changes, as PasswordChange does it.
            cache[0] = new BasicCache(new HookClock(() -> {
                users.updatePassword(aliceId, hasher.hash("another fine one"));
                cache[0].invalidate(aliceId);
            }));
            AuditLog audit = new AuditLog(db, clock);
            LoginThrottle throttle = new LoginThrottle(new LoginFailureStore(db), audit, 100,
                    Duration.ofMinutes(5), 1000, 64);
            StoreBasicChecker checker = new StoreBasicChecker(new CredentialChecker(users, hasher),
                    RoleScopes.parse("user=messages:read"), throttle, cache[0],
                    new BasicFailureAudit(audit, clock, Duration.ofMinutes(5), 64));

            assertInstanceOf(AuthOutcome.Authenticated.class, checker.check("alice", Seed.PASSWORD, "192.0.2.1"),
                    "the check began before the change");
            assertInstanceOf(AuthOutcome.Rejected.class, checker.check("alice", Seed.PASSWORD, "192.0.2.1"),
                    "the old password must not come back through the cache");
            assertInstanceOf(AuthOutcome.Authenticated.class,
                    checker.check("alice", "another fine one", "192.0.2.1"));
        }
    }
}
