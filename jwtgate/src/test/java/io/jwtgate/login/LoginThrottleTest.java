package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.support.FailureRows;
import io.jwtgate.support.TestSettings;
import io.jwtgate.web.IpAddresses;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The throttle tells attempts still being checked from completed failures (decision 570): a full
 * window of attempts in flight makes a new attempt wait, not a lockout, and a budget is never spent
 * by more checks than it allows. On the engine of {@code test.jwtgate.database} (H2 by default).
 */
class LoginThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String FROM = "192.0.2.7";

    @TempDir
    Path dir;

    private Database db;
    private LoginFailureStore failures;
    private AuditLog audit;
    private ExecutorService pool;

    @BeforeEach
    void open() {
        Clock clock = Clock.systemUTC();
        db = Database.open(TestSettings.settings(TestSettings.params(dir)), clock);
        failures = new LoginFailureStore(db);
        audit = new AuditLog(db, clock);
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        db.close();
    }

    private LoginThrottle throttle(int maxFailures, int addressMax, Duration wait) {
        return new LoginThrottle(failures, audit, maxFailures, WINDOW, addressMax, 64, wait);
    }

    private LoginThrottle.Attempt begin(LoginThrottle throttle, String name) {
        return throttle.begin(name, name, Optional.empty(), FROM);
    }

    @Test
    void aFullWindowOfAttemptsInFlightMakesTheNextWaitUntilOneEnds() throws Exception {
        LoginThrottle throttle = throttle(2, 50, Duration.ofSeconds(10));
        LoginThrottle.Attempt first = begin(throttle, "waiter");
        begin(throttle, "waiter");
        Future<LoginThrottle.Attempt> third = pool.submit(() -> begin(throttle, "waiter"));
        assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS),
                "a third attempt while two are being checked (budget 2) goes ahead");
        first.succeeded();
        third.get(5, TimeUnit.SECONDS);
    }

    @Test
    void attemptsInFlightThatFailLockTheWaiterOutForTheLockoutsLength() throws Exception {
        LoginThrottle throttle = throttle(2, 50, Duration.ofSeconds(10));
        LoginThrottle.Attempt first = begin(throttle, "failing");
        LoginThrottle.Attempt second = begin(throttle, "failing");
        Future<LoginThrottle.Attempt> third = pool.submit(() -> begin(throttle, "failing"));
        assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS));
        first.failed();
        second.failed();
        Exception refused = assertThrows(Exception.class, () -> third.get(5, TimeUnit.SECONDS));
        LockedOutException locked = (LockedOutException) refused.getCause();
        assertTrue(locked.retryAfterSeconds() > WINDOW.toSeconds() - 10, "Retry-After " + locked.retryAfterSeconds());
    }

    @Test
    void attemptsInFlightForTheWholeWaitAnswerRetryAfterOneSecond() {
        LoginThrottle throttle = throttle(2, 50, Duration.ofMillis(200));
        begin(throttle, "slow");
        begin(throttle, "slow");
        LockedOutException busy = assertThrows(LockedOutException.class, () -> begin(throttle, "slow"));
        assertEquals(1, busy.retryAfterSeconds());
        assertEquals(2, failures.ages(LoginFailureStore.NAME, "slow", WINDOW, 10).size(),
                "the refused attempt left no row");
    }

    @Test
    void pendingRowsOfADeadNodeCountAsFailuresOnceStale() throws Exception {
        LoginThrottle throttle = throttle(2, 50, Duration.ofSeconds(10));
        begin(throttle, "orphan");
        begin(throttle, "orphan");
        try (Connection c = db.connection()) {
            FailureRows.age(c, LoginFailureStore.NAME, "orphan", LoginThrottle.STALE.plusSeconds(1));
        }
        long started = System.nanoTime();
        LockedOutException locked = assertThrows(LockedOutException.class, () -> begin(throttle, "orphan"));
        assertTrue(locked.retryAfterSeconds() > 1, "Retry-After " + locked.retryAfterSeconds());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "locked without waiting the bound");
    }

    @Test
    void aSuccessKeepsTheRowOfAGuessStillInFlight() {
        LoginThrottle throttle = throttle(5, 50, Duration.ofSeconds(2));
        LoginThrottle.Attempt earlier = begin(throttle, "shared");
        earlier.failed();
        LoginThrottle.Attempt guess = begin(throttle, "shared");
        LoginThrottle.Attempt owner = begin(throttle, "shared");
        owner.succeeded();
        owner.forgetAccountFailures();
        assertEquals(new LoginFailureStore.Tally(1, 0), failures.tally(LoginFailureStore.NAME, "shared", WINDOW,
                LoginThrottle.STALE), "the earlier failure is forgotten, the guess in flight is not");
        guess.failed();
        assertEquals(new LoginFailureStore.Tally(1, 1), failures.tally(LoginFailureStore.NAME, "shared", WINDOW,
                LoginThrottle.STALE));
    }

    @Test
    void aFloodOfParallelWrongGuessesGetsExactlyTheBudgetOfChecksThenTheLockout() throws Exception {
        LoginThrottle throttle = throttle(5, 50, LoginThrottle.WAIT);
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger checking = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Long> refusals = run(16, i -> {
            LoginThrottle.Attempt attempt = begin(throttle, "flooded");
            checks.incrementAndGet();
            mostAtOnce.accumulateAndGet(checking.incrementAndGet(), Math::max);
            Thread.sleep(100); // a bcrypt check
            checking.decrementAndGet();
            attempt.failed();
        });
        assertEquals(5, checks.get(), "passwords checked of 16 parallel guesses with a budget of 5");
        assertTrue(mostAtOnce.get() <= 5, mostAtOnce + " checks at once");
        assertEquals(11, refusals.size());
        assertTrue(refusals.stream().allMatch(s -> s > WINDOW.toSeconds() - 10),
                "the waiters saw the lockout, not a busy answer: " + refusals);
    }

    @Test
    void parallelRightPasswordsFromOneAddressAllGoThroughTheAddressBudgetInTurn() throws Exception {
        LoginThrottle throttle = throttle(5, 3, LoginThrottle.WAIT);
        AtomicInteger checking = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Long> refusals = run(12, i -> {
            LoginThrottle.Attempt attempt = begin(throttle, "user" + i);
            mostAtOnce.accumulateAndGet(checking.incrementAndGet(), Math::max);
            Thread.sleep(50);
            checking.decrementAndGet();
            attempt.succeeded();
        });
        assertEquals(List.of(), refusals, "refused of 12 simultaneous right logins from one address (budget 3)");
        assertTrue(mostAtOnce.get() <= 3, mostAtOnce + " checks at once from one address");
        assertFalse(failures.tally(LoginFailureStore.ADDRESS, IpAddresses.group(FROM, 64), WINDOW, LoginThrottle.STALE).total() > 0,
                "rows left on the address");
    }

    private interface Body {
        void run(int i) throws Exception;
    }

    /** Runs {@code n} bodies at once; returns the Retry-After of each refused one. */
    private List<Long> run(int n, Body body) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                go.await();
                try {
                    body.run(index);
                    return null;
                } catch (LockedOutException e) {
                    return e.retryAfterSeconds();
                }
            }));
        }
        go.countDown();
        List<Long> refusals = new ArrayList<>();
        for (Future<Long> f : futures) {
            Long r = f.get(30, TimeUnit.SECONDS);
            if (r != null) {
                refusals.add(r);
            }
        }
        return refusals;
    }
}
