package io.jwtgate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The verified-token cache's own rules: validity window, key epochs, bounds, concurrency (decision 610). */
class BoundedTokenCacheTest {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

    private VerifiedToken verified(String id, Instant notBefore, Instant expiresAt) {
        return new VerifiedToken("sub-" + id, "user-" + id, Set.of("user"), Set.of(), id, "sid-" + id,
                notBefore, expiresAt, Map.of(), null, notBefore);
    }

    private VerifiedToken live(String id) {
        Instant now = clock.instant();
        return verified(id, now, now.plus(Duration.ofMinutes(15)));
    }

    /** A token-like string of a fixed length, distinct per number. */
    private static String token(int n, int length) {
        String digits = Integer.toString(n);
        return "x".repeat(length - digits.length()) + digits;
    }

    private static long entryBytes(int length) {
        return BoundedTokenCache.ENTRY_OVERHEAD_BYTES + (long) BoundedTokenCache.BYTES_PER_TOKEN_CHAR * length;
    }

    @Test
    void aRememberedTokenIsFoundUntilItsExpiryPlusTheSkewAndNeverAfter() {
        BoundedTokenCache cache = new BoundedTokenCache(100, 1 << 20, SKEW, clock);
        Instant now = clock.instant();
        VerifiedToken v = verified("a", now, now.plus(Duration.ofMinutes(15)));
        cache.remember("token-a", v, KeyEpoch.FIXED);
        assertSame(v, cache.find("token-a"));
        clock.advance(Duration.ofMinutes(15).plus(SKEW).minusMillis(1));
        assertSame(v, cache.find("token-a"), "one millisecond before verification would refuse it");
        clock.advance(Duration.ofMillis(1));
        assertNull(cache.find("token-a"), "exactly when verification refuses it as expired");
        assertEquals(0, cache.size(), "an expired entry found is dropped");
        assertEquals(0, cache.bytes());
        clock.advance(Duration.ofMinutes(-30));
        assertNull(cache.find("token-a"), "gone for good, whatever the clock does later");
    }

    @Test
    void aClockSteppedBackBeforeTheTokensNotBeforeMissesTheCache() {
        BoundedTokenCache cache = new BoundedTokenCache(100, 1 << 20, SKEW, clock);
        Instant now = clock.instant();
        cache.remember("token-b", verified("b", now.plusSeconds(20), now.plus(Duration.ofMinutes(15))), KeyEpoch.FIXED);
        assertTrue(cache.find("token-b") != null, "nbf within the skew is accepted, as verification does");
        clock.advance(Duration.ofSeconds(-11));
        assertNull(cache.find("token-b"), "nbf more than the skew ahead of the clock: verification would refuse it");
    }

    @Test
    void aTokenOutsideItsWindowWhenRememberedIsNotKept() {
        BoundedTokenCache cache = new BoundedTokenCache(100, 1 << 20, SKEW, clock);
        Instant now = clock.instant();
        cache.remember("old", verified("old", now.minus(Duration.ofHours(1)), now.minus(SKEW)), KeyEpoch.FIXED);
        cache.remember("early", verified("early", now.plus(SKEW).plusMillis(1), now.plus(Duration.ofHours(1))), KeyEpoch.FIXED);
        assertEquals(0, cache.size());
        assertNull(cache.find("old"));
        assertNull(cache.find("early"));
    }

    @Test
    void anEntryWhoseKeysWereFetchedAnewMissesAndIsDropped() {
        BoundedTokenCache cache = new BoundedTokenCache(100, 1 << 20, SKEW, clock);
        AtomicBoolean keysUnchanged = new AtomicBoolean(true);
        cache.remember("ext", live("ext"), keysUnchanged::get);
        assertTrue(cache.find("ext") != null);
        keysUnchanged.set(false);
        assertNull(cache.find("ext"));
        assertEquals(0, cache.size());
        keysUnchanged.set(true);
        assertNull(cache.find("ext"), "dropped, so verified in full before it is remembered again");
    }

    @Test
    void onlyTheExactTokenIsFound() {
        BoundedTokenCache cache = new BoundedTokenCache(100, 1 << 20, SKEW, clock);
        cache.remember("abcdef.ghij.klmn", live("t"), KeyEpoch.FIXED);
        assertNull(cache.find("abcdef.ghij.klmo"));
        assertNull(cache.find("abcdef.ghij.klm"));
        assertNull(cache.find("abcdef.ghij.klmnn"));
        assertNull(cache.find("Abcdef.ghij.klmn"));
        assertTrue(cache.find("abcdef.ghij.klmn") != null);
        for (String longer : List.of("abcdefghijklmnopq", "abcdefghijklmnopr", "bbcdefghijklmnopq", "abcdefghiXklmnopq")) {
            assertEquals(longer.equals("abcdefghijklmnopq"), BoundedTokenCache.sameText(
                    "abcdefghijklmnopq".getBytes(StandardCharsets.US_ASCII), longer.getBytes(StandardCharsets.US_ASCII)),
                    longer + ": a difference in the eight-byte steps or in the tail");
        }
        assertFalse(BoundedTokenCache.sameText("abc".getBytes(StandardCharsets.US_ASCII),
                "ab".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void onlyCompactJwsTextIsRememberedAndOtherCharactersNeverMatchIt() {
        BoundedTokenCache cache = new BoundedTokenCache(100, 1 << 20, SKEW, clock);
        for (String odd : List.of("abc.d?f.ghi", "abc.d\u00e9f.ghi", "abc.def.gh=", "abc def.ghi", "")) {
            cache.remember(odd, live("odd"), KeyEpoch.FIXED);
            assertNull(cache.find(odd), "[" + odd + "] is no compact JWS, so it is not kept");
        }
        cache.remember("abc.def.ghi", live("t"), KeyEpoch.FIXED);
        // Latin-1 encoding writes '?' for both; neither may pass for the remembered token.
        assertNull(cache.find("abc.def.gh\u0100"));
        assertNull(cache.find("abc.def.g\ud83d\ude00"), "a surrogate pair encodes to one byte for two characters");
        assertNull(cache.find("abc.def.gh?"));
        assertTrue(cache.find("abc.def.ghi") != null);
    }

    @Test
    void tokensSharingTheHashedSignatureEndAreStillToldApartByTheirWholeText() {
        BoundedTokenCache cache = new BoundedTokenCache(100, 1 << 20, SKEW, clock);
        String tail = "s".repeat(BoundedTokenCache.HASHED_TAIL + 11);
        String alice = "aliceHeader.alicePayload." + tail;
        String mallory = "aliceHeader.malloryPayld." + tail;
        VerifiedToken aliceVerified = live("alice");
        cache.remember(alice, aliceVerified, KeyEpoch.FIXED);
        assertNull(cache.find(mallory), "same signature end, another payload: a miss, verified in full");
        assertNull(cache.find("x" + alice.substring(1)), "differs only in its first character");
        assertSame(aliceVerified, cache.find(alice));
        VerifiedToken malloryVerified = live("mallory");
        cache.remember(mallory, malloryVerified, KeyEpoch.FIXED);
        assertSame(aliceVerified, cache.find(alice), "both live in the one set the tail picks");
        assertSame(malloryVerified, cache.find(mallory));
    }

    @Test
    void entriesNeverExceedTheConfiguredNumber() {
        BoundedTokenCache cache = new BoundedTokenCache(64, 1 << 30, SKEW, clock);
        for (int i = 0; i < 20_000; i++) {
            cache.remember(token(i, 40), live("t" + i), KeyEpoch.FIXED);
            assertTrue(cache.size() <= 64);
        }
        assertEquals(64, cache.size(), "every slot taken after many more tokens than slots");
        assertEquals(64 * entryBytes(40), cache.bytes());
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            if (cache.find(token(i, 40)) != null) {
                found++;
            }
        }
        assertEquals(64, found);
    }

    @Test
    void bytesNeverExceedTheConfiguredBudget() {
        long budget = 10 * entryBytes(300) + 100;
        BoundedTokenCache cache = new BoundedTokenCache(1000, budget, SKEW, clock);
        for (int i = 0; i < 5_000; i++) {
            cache.remember(token(i, 300), live("t" + i), KeyEpoch.FIXED);
            assertTrue(cache.bytes() <= budget, "bytes " + cache.bytes());
        }
        assertEquals(10, cache.size());
        assertEquals(10 * entryBytes(300), cache.bytes());
        cache.remember("y".repeat((int) budget), live("huge"), KeyEpoch.FIXED);
        assertEquals(10, cache.size(), "a token larger than the whole budget is never kept");
    }

    @Test
    void whenTheBytesAreUsedUpExpiredEntriesMakeRoom() {
        long budget = 4 * entryBytes(50);
        BoundedTokenCache cache = new BoundedTokenCache(1000, budget, SKEW, clock);
        Instant now = clock.instant();
        for (int i = 0; i < 4; i++) {
            cache.remember(token(i, 50), verified("s" + i, now, now.plusSeconds(60)), KeyEpoch.FIXED);
        }
        assertEquals(4, cache.size());
        cache.remember(token(99, 50), live("late"), KeyEpoch.FIXED);
        assertNull(cache.find(token(99, 50)), "full of live entries: the newcomer is not kept");
        clock.advance(Duration.ofSeconds(60).plus(SKEW));
        cache.remember(token(100, 50), live("new"), KeyEpoch.FIXED);
        assertTrue(cache.find(token(100, 50)) != null, "a sweep dropped the expired entries");
        assertEquals(1, cache.size());
        assertEquals(entryBytes(50), cache.bytes());
    }

    @Test
    void aNewTokenReplacesTheEntryOfItsSetThatExpiresFirst() {
        BoundedTokenCache cache = new BoundedTokenCache(2, 1 << 20, SKEW, clock);
        Instant now = clock.instant();
        cache.remember("short", verified("short", now, now.plusSeconds(60)), KeyEpoch.FIXED);
        cache.remember("long", verified("long", now, now.plus(Duration.ofMinutes(10))), KeyEpoch.FIXED);
        cache.remember("newer", verified("newer", now, now.plus(Duration.ofMinutes(5))), KeyEpoch.FIXED);
        assertNull(cache.find("short"));
        assertTrue(cache.find("long") != null);
        assertTrue(cache.find("newer") != null);
    }

    @Test
    void clearForgetsEverything() {
        BoundedTokenCache cache = new BoundedTokenCache(100, 1 << 20, SKEW, clock);
        for (int i = 0; i < 50; i++) {
            cache.remember(token(i, 20), live("t" + i), KeyEpoch.FIXED);
        }
        cache.clear();
        assertEquals(0, cache.size());
        assertEquals(0, cache.bytes());
        assertNull(cache.find(token(1, 20)));
    }

    @Test
    void theDisabledCacheKeepsNothing() {
        VerifiedTokenCache.NONE.remember("t", live("t"), KeyEpoch.FIXED);
        assertNull(VerifiedTokenCache.NONE.find("t"));
        assertEquals(0, VerifiedTokenCache.NONE.size());
    }

    @Test
    void concurrentThreadsOnlyEverFindTheVerificationOfTheTokenTheyAsked() throws Exception {
        int length = 120;
        BoundedTokenCache cache = new BoundedTokenCache(256, 1 << 30, SKEW, clock);
        int tokens = 2_000;
        List<VerifiedToken> verifications = new ArrayList<>();
        for (int i = 0; i < tokens; i++) {
            verifications.add(live("t" + i));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger hits = new AtomicInteger();
        Map<String, String> mixUps = new ConcurrentHashMap<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int k = 0; k < 100_000; k++) {
                        int i = random.nextInt(tokens);
                        String token = token(i, length);
                        VerifiedToken found = cache.find(token);
                        if (found == null) {
                            cache.remember(token, verifications.get(i), KeyEpoch.FIXED);
                        } else {
                            hits.incrementAndGet();
                            if (found != verifications.get(i)) {
                                mixUps.put(token, found.tokenId());
                            }
                        }
                        if (k % 10_000 == 0 && random.nextInt(4) == 0) {
                            cache.clear();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(mixUps.isEmpty(), "a token answered with another's verification: " + mixUps);
        assertTrue(hits.get() > 0, "the cache answered some look-ups");
        assertTrue(cache.size() <= 256);
        assertEquals(cache.size() * entryBytes(length), cache.bytes(), "the byte count matches the entries held");
    }
}
