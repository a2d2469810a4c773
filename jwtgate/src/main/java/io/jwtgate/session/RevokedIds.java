package io.jwtgate.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Revoked ids, each with the time until which it is kept, in one array of longs: about 32 to 44
 * bytes an entry where a {@code ConcurrentHashMap<String, Long>} takes about 130 (decision 620).
 * Looked up on every request without a lock; changed by one writer at a time.
 *
 * <p>Keys are 128 bits. A canonical id (JwtGate's own, see {@link CanonicalId}) is its 16 decoded
 * bytes, exactly. Any other string (an external issuer's {@code jti}, an id of any length) is its
 * {@link SipHash128} tag under a key drawn at random for this table, marked by a flag so that it
 * never meets a canonical key: two different such strings share an entry with probability about
 * 2<sup>-128</sup> per pair, and nobody who lacks the key can choose strings that do (decision 621).
 *
 * <p>Layout: slot {@code i} is the three longs from {@code 3i}: the state, then the key's high and
 * low halves. The state is 0 for a slot never used, else the flag in bit 63 and below it either the
 * expiry in epoch milliseconds or {@link #TOMBSTONE} for a key swept out. Open addressing with
 * linear probing; the table is rebuilt (grown, shrunk or cleared of tombstones) into a fresh array
 * that is then published, so it is kept between {@link #REBUILT_FILL} and {@link #MAX_FILL} full.
 *
 * <p>Why readers need no lock (decision 622): a slot's key is written once, before its state is
 * published with release semantics, and never changed in that array; readers read the state with
 * acquire semantics first, so a key they compare is always complete. A swept key stays in place
 * as a tombstone (and a later revocation of the same key revives it), so no slot ever changes keys.
 * A rebuild copies into an array no reader sees until the volatile reference to it is written; the
 * old array is never written again, so a reader still walking it finds every entry that was there.
 */
final class RevokedIds {

    private static final VarHandle STATE = MethodHandles.arrayElementVarHandle(long[].class);
    /** Bit 63 of the state: the key is a tag of a non-canonical id. */
    static final long HASHED = Long.MIN_VALUE;
    private static final long TOMBSTONE = 1L;
    /**
     * Expiries are epoch milliseconds and kept in [2, 2<sup>62</sup>): 0 and 1 mean "unused" and
     * "swept", and bit 63 is the flag. A clamped value is never a real expiry (one is minutes from
     * now) and the clamp only keeps an entry longer.
     */
    private static final long MIN_EXPIRY = 2L;
    private static final long MAX_EXPIRY = (1L << 62) - 1;
    static final int MIN_CAPACITY = 16;
    /** Each slot is three longs in one array, whose length is an int. */
    static final int MAX_CAPACITY = (Integer.MAX_VALUE - 8) / 3;
    /** Rebuilt when keys and tombstones fill more than this: misses then probe about 8 slots. */
    static final double MAX_FILL = 0.75;
    /** A rebuilt table is this full: 24 / 0.55, about 44 bytes an entry at most. */
    static final double REBUILT_FILL = 0.55;
    /** Shrunk after a sweep that leaves it less full than this. */
    static final double MIN_FILL = 0.3;

    private final SipHash128 hash;
    /** Mixed into the slot index, so that ids chosen to share a probe run need the seeds. */
    private final long seed0;
    private final long seed1;
    private volatile long[] slots = new long[3 * MIN_CAPACITY];
    /** Keys held (not tombstones); written under {@code this}, read by anyone. */
    private volatile int live;
    /** Slots holding a key or a tombstone, guarded by {@code this}. */
    private int used;

    RevokedIds() {
        this(new SecureRandom());
    }

    RevokedIds(SecureRandom random) {
        this.hash = SipHash128.randomKey(random);
        this.seed0 = random.nextLong();
        this.seed1 = random.nextLong();
    }

    /** Whether {@code id} is held. Never locks; allocates nothing for a canonical id. */
    boolean contains(String id) {
        Objects.requireNonNull(id, "id");
        if (CanonicalId.is(id)) {
            return find(CanonicalId.high(id), CanonicalId.low(id), 0L) > 0;
        }
        long[] tag = hash.tag(id);
        return find(tag[0], tag[1], HASHED) > 0;
    }

    /** The expiry held for {@code id}, or {@link Long#MIN_VALUE} when it is not held (tests). */
    long expiry(String id) {
        Objects.requireNonNull(id, "id");
        long found;
        if (CanonicalId.is(id)) {
            found = find(CanonicalId.high(id), CanonicalId.low(id), 0L);
        } else {
            long[] tag = hash.tag(id);
            found = find(tag[0], tag[1], HASHED);
        }
        return found > 0 ? found : Long.MIN_VALUE;
    }

    /** The expiry of the key (positive), or 0 when it is absent or swept. */
    private long find(long hi, long lo, long kind) {
        long[] t = slots;
        int capacity = t.length / 3;
        int i = home(hi, lo, capacity);
        while (true) {
            long state = (long) STATE.getAcquire(t, 3 * i);
            if (state == 0) {
                return 0; // a key is never beyond an unused slot of its run
            }
            if ((state & HASHED) == kind && t[3 * i + 1] == hi && t[3 * i + 2] == lo) {
                long expiry = state & ~HASHED;
                return expiry == TOMBSTONE ? 0 : expiry;
            }
            i = i + 1 == capacity ? 0 : i + 1;
        }
    }

    /** Holds {@code id} until {@code expiresAt} (epoch ms), or until its current expiry if that is later. */
    synchronized void merge(String id, long expiresAt) {
        Objects.requireNonNull(id, "id");
        long expiry = Math.max(MIN_EXPIRY, Math.min(expiresAt, MAX_EXPIRY));
        if (CanonicalId.is(id)) {
            put(CanonicalId.high(id), CanonicalId.low(id), 0L, expiry);
        } else {
            long[] tag = hash.tag(id);
            put(tag[0], tag[1], HASHED, expiry);
        }
    }

    private void put(long hi, long lo, long kind, long expiry) {
        long[] t = slots;
        int capacity = t.length / 3;
        int i = home(hi, lo, capacity);
        while (true) {
            // Plain reads: every write to the array happens under this object's lock.
            long state = t[3 * i];
            if (state == 0) {
                t[3 * i + 1] = hi;
                t[3 * i + 2] = lo;
                STATE.setRelease(t, 3 * i, kind | expiry);
                live++;
                used++;
                if (used > MAX_FILL * capacity) {
                    rebuild(capacityFor(live));
                }
                return;
            }
            if ((state & HASHED) == kind && t[3 * i + 1] == hi && t[3 * i + 2] == lo) {
                long held = state & ~HASHED;
                if (held == TOMBSTONE) {
                    STATE.setRelease(t, 3 * i, kind | expiry);
                    live++;
                } else if (expiry > held) {
                    STATE.setRelease(t, 3 * i, kind | expiry);
                }
                return;
            }
            i = i + 1 == capacity ? 0 : i + 1;
        }
    }

    /**
     * Removes every entry whose expiry is at or before {@code now}.
     *
     * @return the latest expiry removed, or {@link Long#MIN_VALUE} when nothing was
     */
    synchronized long sweep(long now) {
        long latest = Long.MIN_VALUE;
        long[] t = slots;
        for (int s = 0; s < t.length; s += 3) {
            long state = t[s];
            long expiry = state & ~HASHED;
            if (state != 0 && expiry != TOMBSTONE && expiry <= now) {
                STATE.setRelease(t, s, (state & HASHED) | TOMBSTONE);
                live--;
                latest = Math.max(latest, expiry);
            }
        }
        int capacity = t.length / 3;
        if (capacity > MIN_CAPACITY && live < MIN_FILL * capacity) {
            rebuild(capacityFor(live));
        }
        return latest;
    }

    /** How many ids are held. */
    int size() {
        return live;
    }

    /** How many slots the table has (tests and measurements). */
    int capacity() {
        return slots.length / 3;
    }

    private static int capacityFor(int keys) {
        long wanted = Math.max(MIN_CAPACITY, (long) Math.ceil(keys / REBUILT_FILL));
        if (wanted > MAX_CAPACITY) {
            throw new IllegalStateException("too many revocations to hold in memory: " + keys);
        }
        return (int) wanted;
    }

    /** Copies the held keys into a fresh array of {@code capacity} slots, then publishes it. */
    private void rebuild(int capacity) {
        long[] old = slots;
        long[] t = new long[3 * capacity];
        for (int s = 0; s < old.length; s += 3) {
            long state = old[s];
            if (state != 0 && (state & ~HASHED) != TOMBSTONE) {
                long hi = old[s + 1];
                long lo = old[s + 2];
                int i = home(hi, lo, capacity);
                while (t[3 * i] != 0) {
                    i = i + 1 == capacity ? 0 : i + 1;
                }
                t[3 * i] = state;
                t[3 * i + 1] = hi;
                t[3 * i + 2] = lo;
            }
        }
        used = live;
        slots = t; // the volatile write publishes the whole array to readers that read it after
    }

    /** The first slot to probe: a seeded mix of both halves, mapped onto {@code capacity} by a multiply. */
    private int home(long hi, long lo, int capacity) {
        long h = hi ^ seed0;
        h = (h ^ h >>> 33) * 0xff51afd7ed558ccdL;
        h ^= lo ^ seed1;
        h = (h ^ h >>> 29) * 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 32;
        return (int) (((h >>> 32) * capacity) >>> 32);
    }
}
