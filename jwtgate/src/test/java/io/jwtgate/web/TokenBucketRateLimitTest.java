package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bucket's arithmetic and its memory bound; the HTTP behaviour is in {@code RateLimitContract}. */
class TokenBucketRateLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aBurstThenOneRequestPerIntervalWithRetryAfterRoundedUp() {
        TokenBucketRateLimit limit = new TokenBucketRateLimit(clock, 2, 7, 64); // one every 8.571 s
        assertEquals(0, limit.trySpend("192.0.2.1"));
        assertEquals(0, limit.trySpend("192.0.2.1"));
        assertEquals(9, limit.trySpend("192.0.2.1"));
        clock.advance(Duration.ofMillis(8_571));
        assertEquals(1, limit.trySpend("192.0.2.1"), "a microsecond short is still a whole second");
        clock.advance(Duration.ofMillis(1));
        assertEquals(0, limit.trySpend("192.0.2.1"));
        assertEquals(9, limit.trySpend("192.0.2.1"), "the refused requests were not counted");
    }

    @Test
    void refusedRequestsSpendNothing() {
        TokenBucketRateLimit limit = new TokenBucketRateLimit(clock, 1, 60, 64);
        assertEquals(0, limit.trySpend("192.0.2.2"));
        for (int i = 0; i < 100; i++) {
            assertEquals(1, limit.trySpend("192.0.2.2"));
        }
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, limit.trySpend("192.0.2.2"));
    }

    @Test
    void memoryIsBoundedAndTheLeastRecentlyUsedGroupIsForgottenFirst() {
        TokenBucketRateLimit limit = new TokenBucketRateLimit(clock, 1, 1, 64);
        assertEquals(0, limit.trySpend("10.0.0.0"));
        for (int i = 1; i <= TokenBucketRateLimit.MAX_GROUPS + 500; i++) {
            assertEquals(0, limit.trySpend("10.0." + (i / 256) + "." + (i % 256)));
            if (i % 1000 == 0) {
                assertEquals(60, limit.trySpend("10.0.0.0"), "a group in use is remembered");
            }
            assertTrue(limit.size() <= TokenBucketRateLimit.MAX_GROUPS);
        }
        assertEquals(TokenBucketRateLimit.MAX_GROUPS, limit.size());
        assertEquals(60, limit.trySpend("10.0.0.0"));
        assertEquals(0, limit.trySpend("10.0.0.1"), "the oldest idle group was forgotten: a full bucket again");
    }

    @Test
    void ipv6IsGroupedByPrefixAndIpv4MappedIsIpv4() {
        TokenBucketRateLimit limit = new TokenBucketRateLimit(clock, 1, 1, 56);
        assertEquals(0, limit.trySpend("2001:db8:0:aa01::1"));
        assertEquals(60, limit.trySpend("2001:db8:0:aaff::2"), "same /56");
        assertEquals(0, limit.trySpend("2001:db8:0:ab00::1"), "another /56");
        assertEquals(0, limit.trySpend("192.0.2.9"));
        assertEquals(60, limit.trySpend("::ffff:192.0.2.9"));
    }

    @Test
    void aClockSetBackNeverLocksAGroupOutForLongerThanOneInterval() {
        MutableClock movable = new MutableClock(Instant.parse("2026-01-01T00:00:00Z")); // goes back too, like NTP
        TokenBucketRateLimit limit = new TokenBucketRateLimit(movable, 2, 60, 64);
        assertEquals(0, limit.trySpend("192.0.2.3"));
        assertEquals(0, limit.trySpend("192.0.2.3"));
        movable.advance(Duration.ofHours(-3));
        assertEquals(1, limit.trySpend("192.0.2.3"));
        movable.advance(Duration.ofSeconds(1));
        assertEquals(0, limit.trySpend("192.0.2.3"));
    }
}
