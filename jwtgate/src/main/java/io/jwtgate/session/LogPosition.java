package io.jwtgate.session;

import java.util.TreeMap;

/**
 * How far this node has read the revocation log: the highest number seen and the numbers below it
 * not seen yet (gaps). The database hands out numbers when a row is inserted, not when it commits,
 * so a row can appear after a higher-numbered one was already read; its number is kept as a gap and
 * asked for again until it appears or the grace period (database time) has passed, since a
 * rolled-back insert leaves a gap for ever (decision 461). Not thread-safe: the refresh that owns it
 * is serialized.
 */
final class LogPosition {

    /** At most this many gaps are remembered; the oldest go first. */
    static final int MAX_GAPS = 10_000;

    private final long graceMillis;
    /** Gap number to the database time it was first missed. */
    private final TreeMap<Long, Long> gaps = new TreeMap<>();
    private long high = 0;
    /** The database time of row {@link #high}: tells a restored log whose new rows reuse its number. */
    private long highCreatedAt = Long.MIN_VALUE;

    LogPosition(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /** The lowest number the next read must ask for: the oldest gap, or the one after the highest seen. */
    long nextFrom() {
        return gaps.isEmpty() ? high + 1 : gaps.firstKey();
    }

    /**
     * Notes row {@code seq}, created at database time {@code createdAt}, read at {@code now}.
     *
     * @return whether the row is new to this node (not read before)
     */
    boolean saw(long seq, long createdAt, long now) {
        if (seq > high) {
            // Only a recent row can have a lower number still uncommitted: an insert commits within
            // moments of taking its number, so below an old row nothing is left to arrive.
            if (now - createdAt <= graceMillis) {
                for (long missing = Math.max(high + 1, seq - MAX_GAPS); missing < seq; missing++) {
                    gaps.put(missing, now);
                }
                while (gaps.size() > MAX_GAPS) {
                    gaps.pollFirstEntry();
                }
            }
            high = seq;
            highCreatedAt = createdAt;
            return true;
        }
        return gaps.remove(seq) != null;
    }

    /** Gives up on gaps missed for longer than the grace period (database time {@code now}). */
    void forgetOldGaps(long now) {
        gaps.values().removeIf(missedSince -> now - missedSince > graceMillis);
    }

    /** The highest number seen (0: none). */
    long high() {
        return high;
    }

    /** The database time of the highest-numbered row seen ({@link Long#MIN_VALUE}: none). */
    long highCreatedAt() {
        return highCreatedAt;
    }

    /** How many numbers below the highest are still awaited. */
    int gaps() {
        return gaps.size();
    }
}
