package io.jwtgate.store;

import java.util.function.BooleanSupplier;

/**
 * How a purge by age deletes: at most {@code size} rows per statement, at most {@code maxBatches}
 * statements per run, and {@code between} asked before every batch after the first (it pauses and
 * renews the purge lease; false stops the run). Short statements hold their row and index locks
 * briefly, so logins writing the same tables wait at most one batch.
 *
 * @param size rows per batch (rows sharing the batch's last timestamp go with it, so a batch may be
 *     slightly larger)
 * @param maxBatches the bound per run; what is left waits for the next run
 * @param between called between two batches; false ends the run early
 */
public record PurgeBatches(int size, int maxBatches, BooleanSupplier between) {

    public PurgeBatches {
        if (size < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("a purge needs at least one batch of at least one row");
        }
    }
}
