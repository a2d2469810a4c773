package io.jwtgate.session;

import java.security.SecureRandom;

/**
 * SipHash-2-4 with its 128-bit tag (Aumasson and Bernstein), keyed at random per instance, over a
 * string's UTF-16 code units taken as little-endian byte pairs. Revoked ids that are not JwtGate's
 * own canonical form are kept under this tag (see {@link RevokedIds}).
 *
 * <p>Why this hash: it is a keyed pseudo-random function, so without the key nobody can choose two
 * ids with the same tag or pile ids onto one part of the table, and it needs no allocation for the
 * message or a lock, unlike a {@code Mac} or {@code MessageDigest}. The code units are hashed, not
 * UTF-8 bytes: UTF-8 encoding turns every lone surrogate into the same replacement byte, so two
 * different strings would share a tag for certain; code units map each string to its own message.
 */
final class SipHash128 {

    private final long k0;
    private final long k1;

    SipHash128(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** A fresh random key: tags live in this process's memory only, so no key is kept anywhere. */
    static SipHash128 randomKey(SecureRandom random) {
        return new SipHash128(random.nextLong(), random.nextLong());
    }

    /**
     * The tag of {@code s}: element 0 holds the first eight bytes of the reference implementation's
     * output read little-endian, element 1 the last eight.
     */
    long[] tag(CharSequence s) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL ^ 0xeeL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int n = s.length();
        int fullWords = n / 4;
        for (int w = 0; w <= fullWords; w++) {
            long m = w < fullWords ? word(s, 4 * w) : lastWord(s, 4 * w);
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xeeL;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        long first = v0 ^ v1 ^ v2 ^ v3;
        v1 ^= 0xddL;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return new long[] {first, v0 ^ v1 ^ v2 ^ v3};
    }

    /** Four code units from {@code at}, little-endian. */
    private static long word(CharSequence s, int at) {
        return s.charAt(at) | (long) s.charAt(at + 1) << 16 | (long) s.charAt(at + 2) << 32
                | (long) s.charAt(at + 3) << 48;
    }

    /** The code units left from {@code at} (at most three) and the length in bytes modulo 256 on top. */
    private static long lastWord(CharSequence s, int at) {
        long b = (2L * s.length() & 0xff) << 56;
        for (int j = 0; at + j < s.length(); j++) {
            b |= (long) s.charAt(at + j) << (16 * j);
        }
        return b;
    }
}
