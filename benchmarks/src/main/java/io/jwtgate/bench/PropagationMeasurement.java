package io.jwtgate.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.session.PgRevocationListener;
import io.jwtgate.session.RevocationPush;
import io.jwtgate.session.Revocations;
import io.jwtgate.store.Database;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a revocation made on node A takes to be refused on node B (issue 13 item 4): two nodes
 * in one JVM, each with its own pool, on a fresh store; B polls every {@code interval} (as its
 * maintenance thread would) and, with push, also listens. Not a test and not run in CI:
 * {@code java -cp <classpath> io.jwtgate.bench.PropagationMeasurement postgresql|mariadb|h2 <count>
 * <interval> push|poll}. Revocations are spaced by a random pause of up to one interval (at most
 * 20 ms with push), so they fall at random points of the poll's cycle.
 */
public final class PropagationMeasurement {

    private PropagationMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        String engine = args.length > 0 ? args[0] : "postgresql";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Duration interval = Duration.parse(args.length > 2 ? args[2] : "PT2S");
        boolean push = args.length <= 3 || args[3].equals("push");
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
        try (MeasuredStore store = MeasuredStore.create(engine);
                HikariDataSource poolA = store.pool(4);
                HikariDataSource poolB = store.pool(4)) {
            Database a = Database.wrap(poolA, clock);
            Database b = Database.wrap(poolB, clock);
            Revocations nodeA = revocations(new RevocationStore(a, push), clock, interval);
            RevocationStore storeB = new RevocationStore(b, push);
            Revocations nodeB = revocations(storeB, clock, interval);
            nodeA.refresh();
            nodeB.refresh();
            poll.scheduleWithFixedDelay(() -> {
                try {
                    nodeB.refresh();
                } catch (StoreException e) {
                    System.err.println("poll failed: " + e.getMessage());
                }
            }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
            try (RevocationPush listener = storeB.announces()
                    ? new PgRevocationListener(b::dedicatedConnection, nodeB::refresh, clock) : RevocationPush.NONE) {
                listener.start();
                Thread.sleep(1_000);
                long exp = clock.millis() + Duration.ofMinutes(30).toMillis();
                long[] micros = new long[count];
                long pauseBound = storeB.announces() ? 20 : interval.toMillis();
                for (int i = 0; i < count; i++) {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(pauseBound + 1));
                    String jti = "propagated-" + i;
                    long start = System.nanoTime();
                    nodeA.revokeToken(jti, exp);
                    while (!nodeB.isRevoked(jti, null)) {
                        LockSupport.parkNanos(50_000);
                    }
                    micros[i] = (System.nanoTime() - start) / 1_000;
                }
                Arrays.sort(micros);
                System.out.printf("%s %s interval %s, %d revocations: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        engine, storeB.announces() ? "push" : "poll", interval, count, micros[count / 2] / 1000.0,
                        micros[(int) Math.ceil(count * 0.99) - 1] / 1000.0, micros[count - 1] / 1000.0);
            }
            poll.shutdownNow();
            poll.awaitTermination(10, TimeUnit.SECONDS);
        } finally {
            poll.shutdownNow();
        }
    }

    private static Revocations revocations(RevocationStore store, Clock clock, Duration interval) {
        return new Revocations(store, clock, interval, Duration.ofHours(1), Duration.ofMinutes(6),
                interval.multipliedBy(30));
    }
}
