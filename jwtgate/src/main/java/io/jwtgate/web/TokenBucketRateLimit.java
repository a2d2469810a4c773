package io.jwtgate.web;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client address group, in this node's memory: a group may make
 * {@code burst} requests at once and regains {@code perMinute} requests a minute, up to
 * {@code burst}. IPv6 addresses are grouped by their first {@code ipv6PrefixLength} bits
 * ({@link IpAddresses#group}), since one IPv6 client usually holds a whole /64.
 *
 * <p>Each bucket is kept as one number: the time at which it will be full again. A request
 * moves that time one interval ({@code 1 min / perMinute}) later; it is refused when the time
 * lies more than {@code burst - 1} intervals ahead (that is, less than one request is left).
 * So a bucket costs one map entry, and a full bucket is the same as no entry at all.
 *
 * <p>Memory is bounded: at most {@link #MAX_GROUPS} groups, the least recently used one
 * forgotten first. A forgotten group starts again with a full bucket, which can only happen
 * to a group that was idle while {@link #MAX_GROUPS} others were active.
 */
public final class TokenBucketRateLimit implements AddressRateLimit {

    /** Groups remembered at most (a few hundred kilobytes). */
    public static final int MAX_GROUPS = 10_000;

    private static final long MICROS_PER_MINUTE = 60_000_000L;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final Clock clock;
    private final long intervalMicros;
    private final long toleranceMicros;
    private final int ipv6PrefixLength;
    private final Map<String, Long> fullAt = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_GROUPS;
        }
    };

    /**
     * @param burst requests a group may make at once (at least 1)
     * @param perMinute requests a group regains per minute (1 to 60 000 000)
     */
    public TokenBucketRateLimit(Clock clock, int burst, int perMinute, int ipv6PrefixLength) {
        if (burst < 1 || perMinute < 1 || perMinute > MICROS_PER_MINUTE) {
            throw new IllegalArgumentException("burst " + burst + ", per minute " + perMinute);
        }
        this.clock = clock;
        this.intervalMicros = MICROS_PER_MINUTE / perMinute;
        this.toleranceMicros = (burst - 1) * intervalMicros;
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    @Override
    public long trySpend(String address) {
        String group = IpAddresses.group(address, ipv6PrefixLength);
        long now = micros(clock.instant());
        synchronized (fullAt) {
            Long previous = fullAt.get(group);
            long start = previous == null || previous < now ? now : previous;
            // A clock set back must not lock a group out for as long as it moved: a bucket can
            // never be more than burst intervals from full, so the schedule is pulled back (and kept).
            long latest = now + toleranceMicros + intervalMicros;
            if (start > latest) {
                start = latest;
                fullAt.put(group, start);
            }
            long ahead = start - now;
            if (ahead > toleranceMicros) {
                long waitMicros = ahead - toleranceMicros;
                return Math.max(1, (waitMicros + MICROS_PER_SECOND - 1) / MICROS_PER_SECOND);
            }
            fullAt.put(group, start + intervalMicros);
            return 0;
        }
    }

    /** How many groups are remembered now (for tests). */
    int size() {
        synchronized (fullAt) {
            return fullAt.size();
        }
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), MICROS_PER_SECOND), t.getNano() / 1_000L);
    }
}
