package io.jwtgate.token;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The verified-token cache with fixed bounds: at most {@code maxEntries} tokens (rounded down to an
 * even number) and at most {@code maxBytes} by estimate (decision 610).
 *
 * <p>A fixed table of two-slot sets, each set picked by a hash of the token's last characters (its
 * signature's end) mixed with a seed of this instance: a look-up reads two slots and takes no lock, so
 * two threads never wait on each other
 * (no global lock, no LRU list to update on every hit). A new token takes an empty slot of its set,
 * else the slot whose token expires first; so the entry bound holds by construction, and the byte
 * bound by a reservation made before a slot is swapped. When the bytes are used up, a sweep (at most
 * once a second) drops expired entries; failing that, the new token is simply not remembered: a full
 * cache costs full verifications, never memory.
 *
 * <p>A token is found only by a constant-time comparison with the token asked for, so a forged
 * token's time to answer tells nothing about a cached one. Only compact-JWS text (base64url and
 * dots) is kept, one byte a character, so the comparison reads eight characters a step.
 */
public final class BoundedTokenCache implements VerifiedTokenCache {

    /**
     * What an entry holds beyond its token's characters: the slot object, the verification (its
     * strings, sets and instants) and the payload bytes, whose claims map, once an application reads
     * it, is a few times the payload. Counted as {@code OVERHEAD + 4 × token length} (decision 610).
     */
    static final long ENTRY_OVERHEAD_BYTES = 512;
    static final int BYTES_PER_TOKEN_CHAR = 4;
    /** How often, at most, the table is swept for expired entries when the byte budget is used up. */
    static final long SWEEP_INTERVAL_MILLIS = 1_000;
    /** How many of the token's last characters pick its set. */
    static final int HASHED_TAIL = 32;
    private static final VarHandle NEXT_SWEEP;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    static {
        try {
            NEXT_SWEEP = MethodHandles.lookup().findVarHandle(BoundedTokenCache.class, "nextSweep", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int sets;
    private final long maxBytes;
    private final long skewMillis;
    private final Clock clock;
    private final int seed;
    private final AtomicLong bytes = new AtomicLong();
    // This node's time from which the next sweep may run; claimed by compare-and-set.
    private volatile long nextSweep = Long.MIN_VALUE;

    /**
     * @param maxEntries at least 2
     * @param maxBytes the most the entries may hold by estimate
     * @param clockSkew the skew the verifiers accept, so that a hit ends exactly when verification would
     */
    public BoundedTokenCache(int maxEntries, long maxBytes, Duration clockSkew, Clock clock) {
        if (maxEntries < 2 || maxBytes < 1) {
            throw new IllegalArgumentException("a token cache needs room for two entries");
        }
        this.sets = maxEntries / 2;
        this.slots = new AtomicReferenceArray<>(sets * 2);
        this.maxBytes = maxBytes;
        this.skewMillis = clockSkew.toMillis();
        this.clock = clock;
        this.seed = new SecureRandom().nextInt();
    }

    @Override
    public VerifiedToken find(String token) {
        int hash = hash(token);
        int base = setOf(hash);
        byte[] asked = null;
        for (int i = base; i < base + 2; i++) {
            Entry e = slots.get(i);
            if (e == null || e.hash != hash || e.text.length != token.length()) {
                continue;
            }
            if (asked == null) {
                asked = token.getBytes(StandardCharsets.ISO_8859_1);
            }
            if (sameText(e.text, asked)) {
                long now = clock.millis();
                if (now >= e.acceptFrom && now < e.refuseFrom && e.epoch.current()) {
                    return e.verified;
                }
                // Expired, not valid yet on a clock stepped back, or verified with keys since replaced.
                drop(i, e);
                return null;
            }
        }
        return null;
    }

    @Override
    public void remember(String token, VerifiedToken verified, KeyEpoch epoch) {
        Instant exp = verified.expiresAt();
        if (exp == null) {
            return;
        }
        long acceptFrom = verified.notBefore() == null ? Long.MIN_VALUE : verified.notBefore().toEpochMilli() - skewMillis;
        long refuseFrom = exp.toEpochMilli() + skewMillis;
        long now = clock.millis();
        long size = ENTRY_OVERHEAD_BYTES + (long) BYTES_PER_TOKEN_CHAR * token.length();
        if (now < acceptFrom || now >= refuseFrom || size > maxBytes || !compactJwsText(token)) {
            return;
        }
        int hash = hash(token);
        Entry fresh = new Entry(token.getBytes(StandardCharsets.US_ASCII), hash, verified, epoch, acceptFrom,
                refuseFrom, size);
        int base = setOf(hash);
        // Two tries: a lost race means another thread just filled the slot, which is fine to keep.
        for (int attempt = 0; attempt < 2; attempt++) {
            Entry a = slots.get(base);
            Entry b = slots.get(base + 1);
            if (holds(a, fresh) || holds(b, fresh)) {
                return;
            }
            int slot = a == null ? base : b == null ? base + 1 : a.refuseFrom <= b.refuseFrom ? base : base + 1;
            Entry victim = slot == base ? a : b;
            long delta = size - (victim == null ? 0 : victim.bytes);
            if (!reserve(delta)) {
                sweep(now);
                if (!reserve(delta)) {
                    return;
                }
            }
            if (slots.compareAndSet(slot, victim, fresh)) {
                return;
            }
            bytes.addAndGet(-delta);
        }
    }

    @Override
    public void clear() {
        for (int i = 0; i < slots.length(); i++) {
            Entry e = slots.get(i);
            if (e != null) {
                drop(i, e);
            }
        }
    }

    @Override
    public int size() {
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public long bytes() {
        return bytes.get();
    }

    private static boolean holds(Entry e, Entry fresh) {
        return e != null && e.hash == fresh.hash && e.text.length == fresh.text.length && sameText(e.text, fresh.text);
    }

    /**
     * Only base64url characters and dots, as every verified compact JWS has: so a remembered text
     * never holds the {@code '?'} that Latin-1 encoding puts for a character it cannot encode, and
     * comparing the asked token's Latin-1 bytes is comparing its characters.
     */
    static boolean compactJwsText(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return !token.isEmpty();
    }

    private boolean reserve(long delta) {
        while (true) {
            long used = bytes.get();
            if (delta > 0 && used + delta > maxBytes) {
                return false;
            }
            if (bytes.compareAndSet(used, used + delta)) {
                return true;
            }
        }
    }

    /**
     * Drops every expired entry, at most once per {@link #SWEEP_INTERVAL_MILLIS}: a cache full of
     * live tokens then costs a miss a failed reservation, not a walk over the table.
     */
    private void sweep(long now) {
        long due = nextSweep;
        if (now < due || !NEXT_SWEEP.compareAndSet(this, due, now + SWEEP_INTERVAL_MILLIS)) {
            return;
        }
        for (int i = 0; i < slots.length(); i++) {
            Entry e = slots.get(i);
            if (e != null && now >= e.refuseFrom) {
                drop(i, e);
            }
        }
    }

    private void drop(int slot, Entry e) {
        if (slots.compareAndSet(slot, e, null)) {
            bytes.addAndGet(-e.bytes);
        }
    }

    /**
     * Hashes only the token's last {@link #HASHED_TAIL} characters, which are all signature (the
     * shortest a verified token can carry, HS256's, has 43), so that a look-up does not read the
     * whole token twice: the hash picks the set, the constant-time comparison still reads it all
     * (decision 614).
     */
    private int hash(String token) {
        int n = token.length();
        int h = 0;
        for (int i = Math.max(0, n - HASHED_TAIL); i < n; i++) {
            h = 31 * h + token.charAt(i);
        }
        // murmur3's finalizer: spreads the tail's hash over the sets, differently in every instance.
        h ^= seed;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** The first slot of the hash's set: a multiply-shift onto 0..sets-1, then two slots per set. */
    private int setOf(int hash) {
        return (int) (((hash & 0xffffffffL) * sets) >>> 32) * 2;
    }

    /**
     * Constant time in the content: only the length, which the token's sender knows, shows. Eight
     * bytes a step, since this reads a whole token on every hit.
     */
    static boolean sameText(byte[] a, byte[] b) {
        int n = a.length;
        if (n != b.length) {
            // A character outside Latin-1 in a surrogate pair encodes to one byte for two characters.
            return false;
        }
        long diff = 0;
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            diff |= (long) LONGS.get(a, i) ^ (long) LONGS.get(b, i);
        }
        for (; i < n; i++) {
            diff |= a[i] ^ b[i];
        }
        return diff == 0;
    }

    private static final class Entry {
        /** The token's characters, one byte each (only {@link #compactJwsText} tokens are kept). */
        final byte[] text;
        final int hash;
        final VerifiedToken verified;
        final KeyEpoch epoch;
        final long acceptFrom;
        final long refuseFrom;
        final long bytes;

        Entry(byte[] text, int hash, VerifiedToken verified, KeyEpoch epoch, long acceptFrom, long refuseFrom,
                long bytes) {
            this.text = text;
            this.hash = hash;
            this.verified = verified;
            this.epoch = epoch;
            this.acceptFrom = acceptFrom;
            this.refuseFrom = refuseFrom;
            this.bytes = bytes;
        }
    }
}
