package io.jwtgate.metrics;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The values read when published rather than counted: the node's in-memory revocation state.
 *
 * @param revocationStateSize revocations held in memory
 * @param revocationStaleness how long ago the store was last read
 */
public record Gauges(IntSupplier revocationStateSize, Supplier<Duration> revocationStaleness) {

    /** Seconds since the revocation state was last read, with the fraction (a gauge against max-staleness). */
    double stalenessSeconds() {
        return revocationStaleness.get().toMillis() / 1000.0;
    }
}
