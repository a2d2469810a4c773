package io.jwtgate.bench;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.jwtgate.login.CredentialChecker;
import io.jwtgate.login.LoginRequest;
import io.jwtgate.login.LoginService;
import io.jwtgate.login.LoginThrottle;
import io.jwtgate.login.PasswordHasher;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.rules.RoleScopes;
import io.jwtgate.session.Revocations;
import io.jwtgate.session.SessionService;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.SessionStore;
import io.jwtgate.store.UserStore;
import io.jwtgate.token.AccessTokenIssuer;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Login throughput against a pool of two connections, set against what bcrypt alone allows (issue 14
 * item 4). Not a test and not run in CI:
 * {@code java -cp <classpath> io.jwtgate.bench.LoginThroughput [seconds] [rounds] [costs] [engine]}
 * (defaults 2, 3, {@code 10,12}, {@code h2}).
 *
 * <p>For each bcrypt cost, each round measures: one bcrypt check single-threaded
 * ({@code PasswordHasher.matches}, what a login spends), giving {@code bound = cores / bcrypt time}; then,
 * on {@code threads} threads, slices of bcrypt checks alone alternating with slices of
 * {@code LoginService.login} (lockout bookkeeping, the password check, the session with its access and
 * refresh token, the audit events) against a Hikari pool of two connections, each login for another of
 * many users so that no lockout or session cap is involved. The machine is shared: alternating slices see
 * the same load, and the process's CPU time per operation does not depend on it at all.
 *
 * <p>Printed per round: on one thread, its own CPU time per bcrypt check and per login, alternating (what
 * share of a login's work is bcrypt, hence the highest ratio to the bound the machine can give). Per thread count: logins/s and their ratio to the bound (the target is at least
 * 0.9) and to bcrypt alone on as many threads; CPU per bcrypt check ÷ CPU per login (what share of a
 * login's work is bcrypt, hence the highest ratio to the bound the machine could give); and how many
 * connections were in use and how many threads waited for one, sampled every 5 ms.
 */
public final class LoginThroughput {

    private static final String PASSWORD = "Violet-harbour-Quince-4817";
    private static final int USERS = 2_000;
    private static final int SLICES = 3;
    private static final byte[] SECRET = "bench-signing-key-R7vK2mQ9xLw4Tz8Bn1Hc6Yp3".getBytes(StandardCharsets.UTF_8);

    private LoginThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String[] costs = (args.length > 2 ? args[2] : "10,12").split(",");
        String engine = args.length > 3 ? args[3] : "h2";
        // Each login writes two audit lines; printed to the console they would be a cost of this benchmark,
        // not of JwtGate (a server writes them to a file, or to its log system).
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        int cores = Runtime.getRuntime().availableProcessors();
        int[] threadCounts = 2 * cores == 8 ? new int[] {8} : new int[] {2 * cores, 8};
        System.out.printf("cores %d, pool 2 connections, %s, %d x %d s slices of each kind, %d rounds%n", cores,
                engine, SLICES, seconds, rounds);
        // The login path's own code (JwtGate's, H2's, Hikari's) compiled as on a server that has run a while:
        // at cost 10 or 12 a measurement makes only a few hundred logins, too few for the JIT. bcrypt at the
        // lowest cost, so that these logins are almost all that code.
        try (MeasuredStore store = MeasuredStore.create(engine); HikariDataSource pool = store.pool(2)) {
            Bench warm = new Bench(pool, 4);
            warm.logins(2 * cores, 10);
            warm.cpuPerCheckAndLogin(5);
        }
        for (String c : costs) {
            int cost = Integer.parseInt(c.trim());
            try (MeasuredStore store = MeasuredStore.create(engine); HikariDataSource pool = store.pool(2)) {
                Bench bench = new Bench(pool, cost);
                // This store's pages and the pool's two connections.
                bench.logins(2 * cores, 1);
                double bcryptSeconds = bench.bcryptOnce(1);
                // A slice long enough for about 40 operations of each kind, whatever the cost.
                int slice = (int) Math.max(seconds, Math.ceil(40 * bcryptSeconds / cores));
                for (int round = 1; round <= rounds; round++) {
                    bcryptSeconds = bench.bcryptOnce(slice);
                    double bound = cores / bcryptSeconds;
                    double[] cpu = bench.cpuPerCheckAndLogin(slice);
                    System.out.printf("cost %d round %d one thread, its own CPU time: bcrypt check %.2f ms, login %.2f ms,"
                            + " ratio %.3f%n", cost, round, cpu[0] * 1000, cpu[1] * 1000, cpu[0] / cpu[1]);
                    for (int threads : threadCounts) {
                        Result alone = new Result();
                        Result login = new Result();
                        // Long enough for about five calls per thread at the speed bcrypt has right now.
                        int window = (int) Math.max(slice, Math.ceil(5.0 * threads * bcryptSeconds / cores));
                        for (int i = 0; i < SLICES; i++) {
                            alone.add(bench.bcryptParallel(threads, window));
                            login.add(bench.logins(threads, window));
                        }
                        if (alone.threadsWithoutCompletion + login.threadsWithoutCompletion > 0) {
                            System.out.printf("(%d thread windows without a completed call: the rates below are low)%n",
                                    alone.threadsWithoutCompletion + login.threadsWithoutCompletion);
                        }
                        System.out.printf("cost %d round %d threads %d: bcrypt %.1f ms, bound %.2f/s; bcrypt alone %.2f/s;"
                                + " logins %.2f/s = %.3f of bound, %.3f of bcrypt alone; CPU per bcrypt / per login %.3f;"
                                + " connections in use %.2f on average (max %d), threads waiting for one %.2f (max %d)%n",
                                cost, round, threads, bcryptSeconds * 1000, bound, alone.perSecond(), login.perSecond(),
                                login.perSecond() / bound, login.perSecond() / alone.perSecond(),
                                alone.cpuPerOperation() / login.cpuPerOperation(), login.meanActive(), login.maxActive,
                                login.meanWaiting(), login.maxWaiting);
                    }
                }
            }
        }
    }

    /** Operations, time and CPU of one or more slices, and what the pool looked like meanwhile. */
    private static final class Result {
        /** Per thread, one over the mean duration of its calls completed in the window; summed. */
        double threadRateSum;
        /** Threads that completed no call in a window (the window was too short: the rate is low). */
        int threadsWithoutCompletion;
        int slices;
        long operations;
        double cpuSeconds;
        long samples;
        long activeSum;
        long waitingSum;
        int maxActive;
        int maxWaiting;

        void add(Result r) {
            threadRateSum += r.threadRateSum;
            threadsWithoutCompletion += r.threadsWithoutCompletion;
            slices += r.slices;
            operations += r.operations;
            cpuSeconds += r.cpuSeconds;
            samples += r.samples;
            activeSum += r.activeSum;
            waitingSum += r.waitingSum;
            maxActive = Math.max(maxActive, r.maxActive);
            maxWaiting = Math.max(maxWaiting, r.maxWaiting);
        }

        double perSecond() {
            return threadRateSum / slices;
        }

        double cpuPerOperation() {
            return cpuSeconds / operations;
        }

        double meanActive() {
            return samples == 0 ? 0 : (double) activeSum / samples;
        }

        double meanWaiting() {
            return samples == 0 ? 0 : (double) waitingSum / samples;
        }
    }

    /** One store, its seeded users and the login service over it. */
    private static final class Bench {
        private final HikariPoolMXBean poolBean;
        private final PasswordHasher hasher;
        private final String hash;
        private final LoginService login;
        private final AtomicInteger next = new AtomicInteger();

        Bench(HikariDataSource pool, int cost) {
            Clock clock = Clock.systemUTC();
            Database db = Database.wrap(pool, clock);
            poolBean = pool.getHikariPoolMXBean();
            hasher = new PasswordHasher(cost);
            hash = hasher.hash(PASSWORD);
            UserStore users = new UserStore(db, clock, UsernameKey::of);
            // One hash for all: seeding thousands of users at cost 12 would take minutes; a login checks it the same.
            for (int i = 0; i < USERS; i++) {
                users.create(name(i), null, hash, Set.of("user"));
            }
            AuditLog audit = new AuditLog(db, clock);
            RoleScopes roleScopes = RoleScopes.parse("user=messages:read messages:send");
            Revocations revocations = new Revocations(new RevocationStore(db), clock, Duration.ofSeconds(60),
                    Duration.ofHours(1), Duration.ofMinutes(6));
            revocations.refresh();
            SessionService sessions = new SessionService(
                    new AccessTokenIssuer(KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, SECRET)), "jwtgate",
                            "bench", clock),
                    new SessionStore(db), revocations, users, roleScopes, audit, clock, Duration.ofMinutes(15),
                    Duration.ofDays(1), Duration.ofDays(7), 10, "bench");
            // The defaults of jwtgate.login.*: 5 failures per account, 15 minutes, 50 per address group.
            LoginThrottle throttle = new LoginThrottle(new LoginFailureStore(db), audit, 5, Duration.ofMinutes(15), 50, 64);
            login = new LoginService(new CredentialChecker(users, hasher), throttle, sessions, roleScopes, audit);
        }

        private static String name(int i) {
            return "user" + i;
        }

        /** Seconds per bcrypt check on one thread, over about {@code seconds}. */
        double bcryptOnce(int seconds) {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            int n = 0;
            boolean all = true;
            while (n < 3 || System.nanoTime() < deadline) {
                all &= hasher.matches(PASSWORD, hash);
                n++;
            }
            if (!all) {
                throw new IllegalStateException("the password did not match its hash");
            }
            return (System.nanoTime() - start) / 1e9 / n;
        }

        /**
         * On this thread, a bcrypt check and a login in turn for about {@code seconds}: the thread's own CPU
         * time per check and per login. Other processes' load hardly changes a thread's CPU time, so their
         * ratio is bcrypt's share of a login's work even on a busy machine.
         */
        double[] cpuPerCheckAndLogin(int seconds) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long check = 0;
            long logins = 0;
            int n = 0;
            while (n < 3 || System.nanoTime() < deadline) {
                long t0 = mx.getCurrentThreadCpuTime();
                hasher.matches(PASSWORD, hash);
                long t1 = mx.getCurrentThreadCpuTime();
                int i = Math.floorMod(next.getAndIncrement(), USERS);
                login.login(new LoginRequest(name(i), null, PASSWORD, null), "192.0.2." + (1 + i % 200));
                long t2 = mx.getCurrentThreadCpuTime();
                check += t1 - t0;
                logins += t2 - t1;
                n++;
            }
            return new double[] {check / 1e9 / n, logins / 1e9 / n};
        }

        /** bcrypt checks on {@code threads} threads, no store involved. */
        Result bcryptParallel(int threads, int seconds) throws InterruptedException {
            return run(threads, seconds, () -> hasher.matches(PASSWORD, hash), null);
        }

        Result logins(int threads, int seconds) throws InterruptedException {
            return run(threads, seconds, () -> {
                int i = Math.floorMod(next.getAndIncrement(), USERS);
                login.login(new LoginRequest(name(i), null, PASSWORD, null), "192.0.2." + (1 + i % 200));
            }, poolBean);
        }

        /**
         * Runs {@code work} on {@code threads} threads for {@code seconds}. Each thread calls back to back,
         * so its rate is one over the mean duration of its calls that completed in the window; the rates
         * are summed. (Counting completions in the window instead would be off by up to one call per
         * thread, much of a window at cost 12 on 8 threads.) CPU is the whole process's (H2, GC and JIT
         * included) over the window, per operation completed in it.
         */
        private static Result run(int threads, int seconds, Runnable work, HikariPoolMXBean sampled)
                throws InterruptedException {
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong windowStart = new AtomicLong();
            AtomicLong windowEnd = new AtomicLong(Long.MAX_VALUE);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            long[][] perThread = new long[threads][2];
            List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                long[] mine = perThread[t];
                Thread worker = new Thread(() -> {
                    try {
                        go.await();
                        while (!stop.get()) {
                            long began = System.nanoTime();
                            work.run();
                            long now = System.nanoTime();
                            long from = windowStart.get();
                            if (from != 0 && now - from >= 0 && now - windowEnd.get() < 0) {
                                // [0] calls completed in the window, [1] their summed durations.
                                mine[0]++;
                                mine[1] += now - began;
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                });
                workers.add(worker);
                worker.start();
            }
            go.countDown();
            // A short ramp so every thread is inside its loop when the window opens.
            Thread.sleep(200);
            Result r = new Result();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            windowEnd.set(end);
            windowStart.set(start);
            while (System.nanoTime() < end) {
                Thread.sleep(5);
                if (sampled != null) {
                    int active = sampled.getActiveConnections();
                    int waiting = sampled.getThreadsAwaitingConnection();
                    r.samples++;
                    r.activeSum += active;
                    r.waitingSum += waiting;
                    r.maxActive = Math.max(r.maxActive, active);
                    r.maxWaiting = Math.max(r.maxWaiting, waiting);
                }
            }
            r.cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            stop.set(true);
            for (Thread worker : workers) {
                worker.join();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            for (long[] mine : perThread) {
                r.operations += mine[0];
                if (mine[0] > 0) {
                    r.threadRateSum += mine[0] / (mine[1] / 1e9);
                } else {
                    r.threadsWithoutCompletion++;
                }
            }
            r.slices = 1;
            return r;
        }
    }
}
