package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.support.MutableClock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Basic cache and a password change racing a running check, in the order the race takes:
 * the check takes the generation, reads the old hash, runs bcrypt; the change invalidates; the
 * check puts.
 */
class BasicCacheTest {

    private static final JwtGateAuthentication ERIN = JwtGateAuthentication.basic("u-erin", "erin", Set.of("user"),
            Set.of("messages:read"));

    @Test
    void aCheckThatStartedBeforeAPasswordChangeDoesNotCacheTheOldPassword() {
        BasicCache cache = new BasicCache(new MutableClock(Instant.now()));
        long generation = cache.generation();
        cache.invalidate("u-erin");
        cache.put("erin", "old password", ERIN, generation);
        assertTrue(cache.get("erin", "old password").isEmpty());
    }

    @Test
    void aCheckThatStartedAfterTheChangeIsCached() {
        BasicCache cache = new BasicCache(new MutableClock(Instant.now()));
        cache.invalidate("u-erin");
        long generation = cache.generation();
        cache.put("erin", "new password", ERIN, generation);
        assertEquals("erin", cache.get("erin", "new password").orElseThrow().username());
    }
}
