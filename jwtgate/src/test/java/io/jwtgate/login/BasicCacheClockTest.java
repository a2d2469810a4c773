package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A cached Basic check ends when either the injected clock or the monotonic clock says its life is
 * over (second issue-13 review, finding S1; decision 560): a wall clock stepped back does not
 * stretch it past {@code jwtgate.revocation.max-staleness}.
 */
class BasicCacheClockTest {

    private static final JwtGateAuthentication ERIN = JwtGateAuthentication.basic("u-erin", "erin", Set.of("user"),
            Set.of("messages:read"));
    private static final Duration LIFE = Duration.ofSeconds(2);

    private final MutableClock clock = new MutableClock(Instant.now());
    // Near the top of the range: a tick that wraps around still counts as later.
    private final AtomicLong ticks = new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
    private final BasicCache cache = new BasicCache(clock, LIFE, ticks::get);

    @Test
    void anEntryEndsByTheMonotonicClockWhenTheWallClockWentBack() {
        cache.put("erin", "secret", ERIN, cache.generation());
        clock.advance(Duration.ofMinutes(-3));
        ticks.addAndGet(LIFE.minusMillis(1).toNanos());
        assertTrue(cache.get("erin", "secret").isPresent(), "still within its life on both clocks");
        ticks.addAndGet(Duration.ofMillis(1).toNanos());
        assertTrue(cache.get("erin", "secret").isEmpty(), "its life is over on the monotonic clock");
    }

    @Test
    void anEntryEndsByTheWallClockWhenTheMonotonicClockHasNotMoved() {
        cache.put("erin", "secret", ERIN, cache.generation());
        clock.advance(LIFE.minusMillis(1));
        assertTrue(cache.get("erin", "secret").isPresent());
        clock.advance(Duration.ofMillis(1));
        assertTrue(cache.get("erin", "secret").isEmpty(), "its life is over on the injected clock");
    }
}
