package io.jwtgate.metrics;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** A timer an operator reads as count, total and maximum; contention-free on the request path. */
final class TimerStats {

    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

    void record(long nanos) {
        count.increment();
        totalNanos.add(nanos);
        maxNanos.accumulate(nanos);
    }

    long count() {
        return count.sum();
    }

    long totalNanos() {
        return totalNanos.sum();
    }

    /** The longest since start (not a window: JMX readers compute rates from count and total). */
    long maxNanos() {
        return maxNanos.get();
    }
}
