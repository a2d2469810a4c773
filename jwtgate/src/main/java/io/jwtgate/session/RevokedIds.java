package io.jwtgate.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.SecureRandom;

/**
 * Revoked ids, each with the time until which it is kept, in two arrays of primitives: about 33 to
 * 43 bytes an entry where a {@code ConcurrentHashMap<String, Long>} takes about 130 (decision 620).
 * Looked up on every request without a lock; changed by one writer at a time.
 *
 * <p>Keys are 128 bits. A canonical id (JwtGate's own, see {@link CanonicalId}) is its 16 decoded
 * bytes, exactly. Any other string (an external issuer's {@code jti}, an id of any length) is its
 * {@link SipHash128} tag under a key drawn at random for this table, marked by a flag so that it
 * never meets a canonical key: two different such strings share an entry with probability about
 * 2<sup>-128</sup> per pair, and nobody who lacks the key can choose strings that do (decision 621).
 *
 * <p>Layout (decision 623): slot {@code i} is a 16-bit mark in one array, 0 while the slot is
 * unused, else a few bits of the key's hash; and three longs from {@code 3i} in another: the
 * state, then the key's high and low halves. The state holds the flag in bit 63 and below it the
 * expiry in epoch milliseconds, or {@link #TOMBSTONE} for a key swept out. Open addressing with
 * linear probing over the marks: a miss, what nearly every request asks, reads a few neighbouring
 * marks in an array a twelfth of the table's size and touches the longs only on a matching mark.
 * The table is rebuilt (grown, shrunk or cleared of tombstones) into fresh arrays that are then
 * published, so it is kept between {@link #REBUILT_FILL} and {@link #MAX_FILL} full.
 *
 * <p>Why readers need no lock (decision 622): a slot's key and first state are written before its
 * mark is published with release semantics, and the key never changes in those arrays; readers
 * read the mark with acquire semantics first, so a key they compare is always complete. A state
 * changes later only as a whole long (a later expiry, a tombstone, a revival of the same key). A
 * swept key stays in place as a tombstone (a later revocation of the same key revives it), so no
 * slot ever changes keys. A rebuild copies into arrays no reader sees until the volatile reference
 * to them is written; the old arrays are never written again, so a reader still walking them finds
 * every entry that was there.
 */
final class RevokedIds {

    private static final VarHandle MARK = MethodHandles.arrayElementVarHandle(short[].class);
    private static final VarHandle STATE = MethodHandles.arrayElementVarHandle(long[].class);
    /** Bit 63 of the state: the key is a tag of a non-canonical id. */
    static final long HASHED = Long.MIN_VALUE;
    private static final long TOMBSTONE = 1L;
    /**
     * Expiries are epoch milliseconds and kept in [2, 2<sup>62</sup>): 0 and 1 are reserved, and bit
     * 63 is the flag. A clamped value is never a real expiry (one is minutes from now) and the clamp
     * only keeps an entry longer.
     */
    private static final long MIN_EXPIRY = 2L;
    private static final long MAX_EXPIRY = (1L << 62) - 1;
    static final int MIN_CAPACITY = 16;
    /** Each slot is three longs in one array, whose length is an int. */
    static final int MAX_CAPACITY = (Integer.MAX_VALUE - 8) / 3;
    /** Rebuilt when keys and tombstones fill more than this: 26 / 0.8, about 33 bytes an entry. */
    static final double MAX_FILL = 0.8;
    /** A rebuilt table is this full: 26 / 0.6, about 43 bytes an entry. */
    static final double REBUILT_FILL = 0.6;
    /** Shrunk after a sweep that leaves it less full than this. */
    static final double MIN_FILL = 0.3;

    /** The arrays of one generation of the table, published together. */
    private static final class Table {
        final short[] marks;
        final long[] slots;
        final int capacity;

        Table(int capacity) {
            this.capacity = capacity;
            this.marks = new short[capacity];
            this.slots = new long[3 * capacity];
        }
    }

    private final SipHash128 hash;
    /** Mixed into the slot index, so that ids chosen to share a probe run need the seeds. */
    private final long seed0;
    private final long seed1;
    private volatile Table table = new Table(MIN_CAPACITY);
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

    /** What is done with an id's key: the look-up, or the merge (with {@code arg} the expiry). */
    @FunctionalInterface
    interface KeyUse {
        long on(RevokedIds ids, long hi, long lo, long kind, long arg);
    }

    private static final KeyUse FIND = (ids, hi, lo, kind, arg) -> ids.find(hi, lo, kind);
    private static final KeyUse PUT = (ids, hi, lo, kind, arg) -> {
        ids.put(hi, lo, kind, arg);
        return 0;
    };

    /** Whether {@code id} is held. Never locks; allocates nothing for a canonical id. */
    boolean contains(String id) {
        return withKey(id, FIND, 0) > 0;
    }

    /** The expiry held for {@code id}, or {@link Long#MIN_VALUE} when it is not held (tests). */
    long expiry(String id) {
        long found = withKey(id, FIND, 0);
        return found > 0 ? found : Long.MIN_VALUE;
    }

    /**
     * Hands {@code id}'s key to {@code use}: a canonical id's 16 bytes (bytes 0-7 and 8-15,
     * big-endian), read in one pass over its characters that also checks the form, or else the
     * flagged tag. One pass and no {@code byte[]}: this runs for every verified token.
     */
    long withKey(String id, KeyUse use, long arg) {
        if (id.length() == CanonicalId.LENGTH) {
            // Characters are ORed into one int and their values into another: a character above
            // 127 or one outside the alphabet (value -1) shows there once, at the end, instead of
            // a branch per character.
            int chars = 0;
            int values = 0;
            long hi = 0;
            for (int i = 0; i < 10; i++) {
                char c = id.charAt(i);
                int v = CanonicalId.value7(c);
                chars |= c;
                values |= v;
                hi = hi << 6 | v;
            }
            char middleChar = id.charAt(10);
            int middle = CanonicalId.value7(middleChar);
            hi = hi << 4 | (middle & 63) >>> 2;
            long lo = middle & 3;
            for (int i = 11; i < 21; i++) {
                char c = id.charAt(i);
                int v = CanonicalId.value7(c);
                chars |= c;
                values |= v;
                lo = lo << 6 | v;
            }
            char lastChar = id.charAt(21);
            int last = CanonicalId.value7(lastChar);
            lo = lo << 2 | (last & 63) >>> 4;
            // The last character's four low bits are unused and must be zero, so that no two
            // strings share the same 16 bytes.
            if ((chars | middleChar | lastChar) < 128 && (values | middle | last) >= 0 && (last & 0xf) == 0) {
                return use.on(this, hi, lo, 0L, arg);
            }
        }
        long[] tag = hash.tag(id);
        return use.on(this, tag[0], tag[1], HASHED, arg);
    }

    /** The expiry of the key (positive), or 0 when it is absent or swept. */
    private long find(long hi, long lo, long kind) {
        Table t = table;
        long h = mix(hi, lo);
        short mark = mark(h);
        int i = index(h, t.capacity);
        while (true) {
            short m = (short) MARK.getAcquire(t.marks, i);
            if (m == 0) {
                return 0; // a key is never beyond an unused slot of its run
            }
            if (m == mark && t.slots[3 * i + 1] == hi && t.slots[3 * i + 2] == lo) {
                long state = (long) STATE.getAcquire(t.slots, 3 * i);
                if ((state & HASHED) == kind) {
                    long expiry = state & ~HASHED;
                    return expiry == TOMBSTONE ? 0 : expiry;
                }
            }
            i = i + 1 == t.capacity ? 0 : i + 1;
        }
    }

    /** Holds {@code id} until {@code expiresAt} (epoch ms), or until its current expiry if that is later. */
    synchronized void merge(String id, long expiresAt) {
        withKey(id, PUT, Math.max(MIN_EXPIRY, Math.min(expiresAt, MAX_EXPIRY)));
    }

    private void put(long hi, long lo, long kind, long expiry) {
        Table t = table;
        long h = mix(hi, lo);
        short mark = mark(h);
        int i = index(h, t.capacity);
        while (true) {
            // Plain reads: every write to the arrays happens under this object's lock.
            short m = t.marks[i];
            if (m == 0) {
                t.slots[3 * i + 1] = hi;
                t.slots[3 * i + 2] = lo;
                t.slots[3 * i] = kind | expiry;
                MARK.setRelease(t.marks, i, mark);
                live++;
                used++;
                if (used > MAX_FILL * t.capacity) {
                    rebuild(capacityFor(live));
                }
                return;
            }
            long state = t.slots[3 * i];
            if (m == mark && (state & HASHED) == kind && t.slots[3 * i + 1] == hi && t.slots[3 * i + 2] == lo) {
                long held = state & ~HASHED;
                if (held == TOMBSTONE) {
                    STATE.setRelease(t.slots, 3 * i, kind | expiry);
                    live++;
                } else if (expiry > held) {
                    STATE.setRelease(t.slots, 3 * i, kind | expiry);
                }
                return;
            }
            i = i + 1 == t.capacity ? 0 : i + 1;
        }
    }

    /**
     * Removes every entry whose expiry is at or before {@code now}.
     *
     * @return the latest expiry removed, or {@link Long#MIN_VALUE} when nothing was
     */
    synchronized long sweep(long now) {
        long latest = Long.MIN_VALUE;
        Table t = table;
        for (int i = 0; i < t.capacity; i++) {
            long state = t.slots[3 * i];
            long expiry = state & ~HASHED;
            if (t.marks[i] != 0 && expiry != TOMBSTONE && expiry <= now) {
                STATE.setRelease(t.slots, 3 * i, (state & HASHED) | TOMBSTONE);
                live--;
                latest = Math.max(latest, expiry);
            }
        }
        if (t.capacity > MIN_CAPACITY && live < MIN_FILL * t.capacity) {
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
        return table.capacity;
    }

    private static int capacityFor(int keys) {
        long wanted = Math.max(MIN_CAPACITY, (long) Math.ceil(keys / REBUILT_FILL));
        if (wanted > MAX_CAPACITY) {
            throw new IllegalStateException("too many revocations to hold in memory: " + keys);
        }
        return (int) wanted;
    }

    /** Copies the held keys into fresh arrays of {@code capacity} slots, then publishes them. */
    private void rebuild(int capacity) {
        Table old = table;
        Table t = new Table(capacity);
        for (int s = 0; s < old.capacity; s++) {
            long state = old.slots[3 * s];
            if (old.marks[s] != 0 && (state & ~HASHED) != TOMBSTONE) {
                long hi = old.slots[3 * s + 1];
                long lo = old.slots[3 * s + 2];
                long h = mix(hi, lo);
                int i = index(h, capacity);
                while (t.marks[i] != 0) {
                    i = i + 1 == capacity ? 0 : i + 1;
                }
                t.marks[i] = old.marks[s];
                t.slots[3 * i] = state;
                t.slots[3 * i + 1] = hi;
                t.slots[3 * i + 2] = lo;
            }
        }
        used = live;
        table = t; // the volatile write publishes both arrays to readers that read it after
    }

    /** A seeded mix of both halves: its high 32 bits choose the slot, its low 16 the mark. */
    private long mix(long hi, long lo) {
        long h = hi ^ seed0;
        h = (h ^ h >>> 33) * 0xff51afd7ed558ccdL;
        h ^= lo ^ seed1;
        h = (h ^ h >>> 29) * 0xc4ceb9fe1a85ec53L;
        return h ^ h >>> 32;
    }

    /** The first slot to probe: the high half of the mix mapped onto {@code capacity} by a multiply. */
    private static int index(long h, int capacity) {
        return (int) (((h >>> 32) * capacity) >>> 32);
    }

    /** Sixteen bits of the mix, never 0 (which marks an unused slot). */
    private static short mark(long h) {
        short mark = (short) h;
        return mark == 0 ? 1 : mark;
    }
}
