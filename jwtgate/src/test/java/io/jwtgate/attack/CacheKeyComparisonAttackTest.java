package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jwtgate.support.MutableClock;
import io.jwtgate.token.BoundedTokenCache;
import io.jwtgate.token.KeyEpoch;
import io.jwtgate.token.VerifiedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache's look-up attacked below HTTP, where any string can be asked for: tokens
 * of every length from 1 to 80 (so every remainder of the eight-byte steps), and for each one asked
 * tokens of the same length and the same tail hash that differ at exactly one position or one
 * adjacent pair: a changed character before the hashed tail, a pair {@code (x, y)} in the tail
 * changed to {@code (x + 1, y - 31)} or {@code (x - 1, y + 31)} (the same {@code 31 * h + c}
 * whatever the seed), a character Latin-1 cannot encode with the hash kept, and a surrogate pair in
 * place of two characters (one Latin-1 byte for two characters). None may find the entry; the
 * remembered token itself always does.
 */
class CacheKeyComparisonAttackTest {

    private static final int HASHED_TAIL = 32;
    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T03:00:00Z"));

    private VerifiedToken live(String id) {
        Instant now = clock.instant();
        return new VerifiedToken("sub-" + id, id, Set.of("user"), Set.of(), id, "sid-" + id, now,
                now.plus(Duration.ofMinutes(10)), Map.of(), null, now);
    }

    private static int tailHash(String s) {
        int h = 0;
        for (int i = Math.max(0, s.length() - HASHED_TAIL); i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    private static String withPair(String s, int i, char x, char y) {
        return s.substring(0, i) + x + y + s.substring(i + 2);
    }

    /** Asked tokens of {@code token}'s length and tail hash, each differing from it somewhere. */
    private static List<String> twins(String token, Random random) {
        List<String> twins = new ArrayList<>();
        int n = token.length();
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (i < n - HASHED_TAIL) {
                char other = B64URL.charAt((B64URL.indexOf(c) + 1 + random.nextInt(B64URL.length() - 1)) % B64URL.length());
                twins.add(token.substring(0, i) + other + token.substring(i + 1));
                twins.add(token.substring(0, i) + (char) (0x100 + c) + token.substring(i + 1));
                twins.add(token.substring(0, i) + (char) (c | 0x80) + token.substring(i + 1));
                if (i + 1 < n - HASHED_TAIL) {
                    twins.add(withPair(token, i, '\ud83d', '\ude00'));
                }
            } else if (i + 1 < n) {
                char y = token.charAt(i + 1);
                twins.add(withPair(token, i, (char) (c + 1), (char) (y - 31)));
                twins.add(withPair(token, i, (char) (c - 1), (char) (y + 31)));
                // y + 310 is beyond Latin-1: it encodes to '?', which no remembered token holds.
                twins.add(withPair(token, i, (char) (c - 10), (char) (y + 310)));
            }
        }
        for (String t : twins) {
            assertEquals(n, t.length());
            assertEquals(tailHash(token), tailHash(t), "a twin must keep the tail hash: " + t);
        }
        return twins;
    }

    @Test
    void noTwinOfTheSameLengthAndTailHashFindsARememberedTokenOfAnyLength() {
        Random random = new Random(1430L);
        int asked = 0;
        for (int n = 1; n <= 80; n++) {
            for (int round = 0; round < 3; round++) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    sb.append(B64URL.charAt(random.nextInt(B64URL.length())));
                }
                String token = sb.toString();
                BoundedTokenCache cache = new BoundedTokenCache(64, 1 << 20, Duration.ofSeconds(30), clock);
                VerifiedToken v = live("t" + n);
                cache.remember(token, v, KeyEpoch.FIXED);
                for (String twin : twins(token, random)) {
                    assertNull(cache.find(twin), "length " + n + ": twin " + twin.replaceAll("[^\\x21-\\x7e]", "?")
                            + " of " + token);
                    asked++;
                }
                assertSame(v, cache.find(token), "the remembered token itself, length " + n);
                assertSame(v, cache.find(new String(token.toCharArray())), "an equal string, not the same object");
            }
        }
        assertEquals(true, asked > 10_000, "twins asked: " + asked);
    }

    @Test
    void twoRememberedTokensSharingLengthAndTailHashAreEachFoundAsThemselves() {
        // Both live in one set (same hash, same seed): neither may answer for the other, at any length.
        Random random = new Random(1431L);
        for (int n = 2; n <= 80; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append("BCDEFGHIJKLMNOPQRSTUVWXYabcdefghijklmnopqrstuvwxy".charAt(random.nextInt(49)));
            }
            String a = sb.toString();
            int i = n - 2;
            char x = a.charAt(i);
            char y = a.charAt(i + 1);
            // (x - 1, y + 31) stays base64url for an upper-case y, (x + 1, y - 31) for a lower-case one.
            String b = Character.isUpperCase(y) ? withPair(a, i, (char) (x - 1), (char) (y + 31))
                    : withPair(a, i, (char) (x + 1), (char) (y - 31));
            assertEquals(tailHash(a), tailHash(b));
            BoundedTokenCache cache = new BoundedTokenCache(64, 1 << 20, Duration.ofSeconds(30), clock);
            VerifiedToken va = live("a");
            VerifiedToken vb = live("b");
            cache.remember(a, va, KeyEpoch.FIXED);
            cache.remember(b, vb, KeyEpoch.FIXED);
            assertSame(va, cache.find(a), a + " / " + b);
            assertSame(vb, cache.find(b), a + " / " + b);
        }
    }
}
