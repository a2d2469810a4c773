package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The compact table of revoked ids behind {@link Revocations} (decisions 620-622). */
class RevokedIdsTest {

    private final Random random = new Random(14);

    private String canonicalId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The key {@code ids} gives {@code id}: high half, low half, and the flag (0 for a canonical id). */
    private static long[] key(RevokedIds ids, String id) {
        long[] key = new long[3];
        ids.withKey(id, (table, hi, lo, kind, arg) -> {
            key[0] = hi;
            key[1] = lo;
            key[2] = kind;
            return 0;
        }, 0);
        return key;
    }

    @Test
    void aCanonicalIdIsKeyedByItsSixteenBytes() {
        RevokedIds ids = new RevokedIds();
        for (int n = 0; n < 1_000; n++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            assertArrayEquals(new long[] {buffer.getLong(0), buffer.getLong(8), 0L}, key(ids, id), id);
        }
        assertArrayEquals(new long[] {-1L, -1L, 0L}, key(ids, "_____________________w"));
    }

    @Test
    void onlyTheEncodersOwnFormIsKeyedByItsBytes() {
        RevokedIds ids = new RevokedIds();
        assertEquals(0L, key(ids, "AAAAAAAAAAAAAAAAAAAAAA")[2]);
        // Same bytes as the id above once the unused bits are dropped: must not share its key.
        for (String other : List.of("AAAAAAAAAAAAAAAAAAAAAB", "AAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA",
                "AAAAAAAAAAAAAAAAAAAA+A", "AAAAAAAAAAAAAAAAAAAA/A", "AAAAAAAAAAAAAAAAAAAA=A", "+AAAAAAAAAAAAAAAAAAAAA",
                "AAAAAAAAAA=AAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA\u00e9A", "AAAAAAAAAAAAAAAAAAAA\u0141A",
                "AAAAAAAAAAAAAAAAAAAAA\u0141", "AAAAAAAAAA\u0141AAAAAAAAAAA", "\u00c1AAAAAAAAAAAAAAAAAAAAA",
                "AAAAAAAAAAAAAAA\u00c1AAAAAA", "AAAAAAAAAAAAAAAAAAAAA\u00c1")) {
            // \u0141 and \u00c1 share their low seven bits with 'A': the whole character counts.
            assertEquals(RevokedIds.HASHED, key(ids, other)[2], other);
        }
    }

    @Test
    void sipHashGivesTheReferenceTagsForEvenLengths() {
        // veorq/SipHash vectors.h, vectors_sip128: key 00..0f, message 00..(len-1). A string of
        // len / 2 code units whose little-endian bytes are that message gives the same tag.
        Map<Integer, String> vectors = Map.of(
                0, "a3817f04ba25a8e66df67214c7550293",
                2, "8177228da4a45dc7fca38bdef60affe4",
                6, "14eeca338b208613485ea0308fd7a15e",
                8, "3b62a9ba6258f5610f83e264f31497b4",
                16, "6ee2a4ca67b054bbfd3315bf85230577",
                22, "4a29b54552d16b9a469c10528eff0aae",
                44, "89237d9ded9c5e78d8b1c9b166cc7342",
                62, "5853542321f567a005d547a4f04759bd");
        SipHash128 hash = new SipHash128(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        vectors.forEach((length, expected) -> {
            StringBuilder message = new StringBuilder();
            for (int b = 0; b < length; b += 2) {
                message.append((char) (b | (b + 1) << 8));
            }
            long[] tag = hash.tag(message);
            ByteBuffer out = ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            out.putLong(tag[0]).putLong(tag[1]);
            assertEquals(expected, HexFormat.of().formatHex(out.array()), "length " + length);
        });
    }

    @Test
    void aMergedIdIsFoundAndOthersAreNot() {
        RevokedIds ids = new RevokedIds();
        String revoked = canonicalId();
        ids.merge(revoked, 1_000);
        assertTrue(ids.contains(revoked));
        assertTrue(ids.contains(new String(revoked.toCharArray())));
        assertFalse(ids.contains(canonicalId()));
        assertFalse(ids.contains("AAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(1, ids.size());
    }

    @Test
    void aMergeKeepsTheLaterExpiry() {
        RevokedIds ids = new RevokedIds();
        String id = canonicalId();
        ids.merge(id, 5_000);
        ids.merge(id, 3_000);
        assertEquals(5_000, ids.expiry(id));
        ids.merge(id, 9_000);
        assertEquals(9_000, ids.expiry(id));
        ids.merge("issuer:external", 7_000);
        ids.merge("issuer:external", 6_000);
        assertEquals(7_000, ids.expiry("issuer:external"));
        assertEquals(2, ids.size());
    }

    @Test
    void aSweepRemovesWhatExpiredByThenAndKeepsTheRest() {
        RevokedIds ids = new RevokedIds();
        String early = canonicalId();
        String atNow = canonicalId();
        String later = canonicalId();
        ids.merge(early, 1_000);
        ids.merge(atNow, 2_000);
        ids.merge(later, 2_001);
        ids.merge("external-early", 1_500);
        ids.merge("external-later", 3_000);
        assertEquals(2_000, ids.sweep(2_000), "the latest expiry removed");
        assertFalse(ids.contains(early));
        assertFalse(ids.contains(atNow));
        assertFalse(ids.contains("external-early"));
        assertTrue(ids.contains(later));
        assertTrue(ids.contains("external-later"));
        assertEquals(2, ids.size());
        assertEquals(Long.MIN_VALUE, ids.sweep(2_000), "nothing more to remove");
    }

    @Test
    void anIdSweptAndRevokedAgainIsFoundWithItsNewExpiry() {
        RevokedIds ids = new RevokedIds();
        String id = canonicalId();
        ids.merge(id, 1_000);
        ids.sweep(1_000);
        assertFalse(ids.contains(id));
        ids.merge(id, 500);
        assertTrue(ids.contains(id));
        assertEquals(500, ids.expiry(id), "a swept expiry is not merged with the new one");
        assertEquals(1, ids.size());
    }

    @Test
    void idsOfAnyFormAreKeptApart() {
        RevokedIds ids = new RevokedIds();
        List<String> odd = List.of("", "a", "AAAAAAAAAAAAAAAAAAAAAB", "AAAAAAAAAAAAAAAAAAAAA", "issuer:abc",
                "issuer:abc ", "\uD800", "\uDBFF", "\uD800\uDC00", "\u0000", "x".repeat(10_000),
                "550e8400-e29b-41d4-a716-446655440000");
        for (String id : odd) {
            ids.merge(id, 10_000);
        }
        for (String id : odd) {
            assertTrue(ids.contains(id), id);
        }
        // The canonical twin of a non-canonical string, and near misses, are not revoked by it.
        assertFalse(ids.contains("AAAAAAAAAAAAAAAAAAAAAA"));
        assertFalse(ids.contains("issuer:abd"));
        assertFalse(ids.contains("\uDC00"));
        assertFalse(ids.contains("x".repeat(9_999)));
        assertEquals(odd.size(), ids.size());
    }

    @Test
    void aSweepThatEmptiesALargeTableShrinksIt() {
        RevokedIds ids = new RevokedIds();
        for (int n = 0; n < 10_000; n++) {
            ids.merge(canonicalId(), 1_000);
        }
        String kept = canonicalId();
        ids.merge(kept, 5_000);
        assertTrue(ids.capacity() > 10_000);
        ids.sweep(1_000);
        assertEquals(RevokedIds.MIN_CAPACITY, ids.capacity());
        assertTrue(ids.contains(kept));
        assertEquals(1, ids.size());
    }

    @Test
    void keysAndTombstonesNeverFillTheTablePastItsLimit() {
        RevokedIds ids = new RevokedIds();
        // Each round revokes new ids and sweeps them again: tombstones pile up until a rebuild.
        for (int round = 0; round < 200; round++) {
            for (int n = 0; n < 50; n++) {
                ids.merge(canonicalId(), 10 + round);
            }
            ids.sweep(10 + round);
            assertEquals(0, ids.size());
            assertTrue(ids.capacity() <= 128, "capacity " + ids.capacity());
        }
    }

    @Test
    void aHundredThousandRandomChangesAgreeWithAHashMap() {
        RevokedIds ids = new RevokedIds(new SecureRandom());
        Map<String, Long> model = new HashMap<>();
        List<String> pool = new ArrayList<>();
        for (int n = 0; n < 30_000; n++) {
            pool.add(n % 3 == 0 ? "ext:" + n : canonicalId());
        }
        long now = 0;
        for (int step = 0; step < 100_000; step++) {
            String id = pool.get(random.nextInt(pool.size()));
            int action = random.nextInt(100);
            if (action < 60) {
                long expiry = now + 1 + random.nextInt(5_000);
                ids.merge(id, expiry);
                model.merge(id, expiry, Math::max);
            } else if (action < 99) {
                assertEquals(model.containsKey(id), ids.contains(id), id);
            } else {
                now += random.nextInt(2_000);
                long cut = now;
                long expected = model.values().stream().filter(e -> e <= cut).mapToLong(Long::longValue)
                        .max().orElse(Long.MIN_VALUE);
                model.values().removeIf(e -> e <= cut);
                assertEquals(expected, ids.sweep(now));
            }
        }
        assertEquals(model.size(), ids.size());
        for (String id : pool) {
            Long expected = model.get(id);
            assertEquals(expected == null ? Long.MIN_VALUE : expected, ids.expiry(id), id);
        }
        assertTrue(ids.size() <= RevokedIds.MAX_FILL * ids.capacity());
    }

    @Test
    void readersFindEveryEntryThatStaysWhileTheTableIsRebuilt() throws Exception {
        RevokedIds ids = new RevokedIds();
        List<String> staying = new ArrayList<>();
        for (int n = 0; n < 2_000; n++) {
            String id = n % 4 == 0 ? "ext:" + n : canonicalId();
            staying.add(id);
            ids.merge(id, 1_000_000);
        }
        int capacityBefore = ids.capacity();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> missed = new AtomicReference<>();
        CountDownLatch readersStarted = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                readersStarted.countDown();
                do {
                    for (String id : staying) {
                        if (!ids.contains(id)) {
                            missed.compareAndSet(null, id);
                        }
                    }
                } while (writing.get());
            });
            reader.start();
            readers.add(reader);
        }
        readersStarted.await();
        // Growth to many times the size, sweeps that leave tombstones, and a shrink back.
        String[] passing = new String[200_000];
        for (int n = 0; n < passing.length; n++) {
            passing[n] = n % 5 == 0 ? "pass:" + n : canonicalId();
            ids.merge(passing[n], 1 + n / 20_000);
            if (n % 20_000 == 19_999) {
                ids.sweep(n / 20_000);
            }
        }
        int capacityGrown = ids.capacity();
        ids.sweep(999_999);
        writing.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        assertNull(missed.get(), "an entry present throughout was missed");
        assertTrue(capacityGrown > capacityBefore, "the table was rebuilt larger meanwhile");
        assertEquals(staying.size(), ids.size());
        for (String id : staying) {
            assertTrue(ids.contains(id));
        }
        for (int n = 0; n < passing.length; n += 997) {
            assertFalse(ids.contains(passing[n]));
        }
    }
}
