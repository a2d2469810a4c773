package io.jwtgate.session;

/**
 * JwtGate's own token and session ids ({@code AccessTokenIssuer.newId()}: 16 random bytes in 22
 * characters of unpadded base64url) read back as two longs, without allocating: the request path
 * looks one up for every verified token.
 *
 * <p>Canonical means what the encoder writes: 22 characters of the base64url alphabet whose last
 * carries zeros in its four unused low bits. Those strings and the 16-byte values correspond one to
 * one, so the two longs stand for the id exactly; a string with other trailing bits would decode to
 * the same bytes as its canonical twin, and is therefore not canonical.
 */
final class CanonicalId {

    static final int LENGTH = 22;
    /** The six-bit value of each ASCII character in base64url, -1 for the others. */
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private CanonicalId() {
    }

    /** Whether {@code id} is in the canonical form, so {@link #high} and {@link #low} stand for it exactly. */
    static boolean is(String id) {
        if (id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (value(id.charAt(i)) < 0) {
                return false;
            }
        }
        return (value(id.charAt(LENGTH - 1)) & 0xf) == 0;
    }

    /** Bytes 0 to 7, big-endian: characters 0 to 9 and the top four bits of character 10. */
    static long high(String id) {
        long hi = 0;
        for (int i = 0; i < 10; i++) {
            hi = hi << 6 | value(id.charAt(i));
        }
        return hi << 4 | value(id.charAt(10)) >>> 2;
    }

    /** Bytes 8 to 15, big-endian: the low two bits of character 10, characters 11 to 20, the top two of 21. */
    static long low(String id) {
        long lo = value(id.charAt(10)) & 3;
        for (int i = 11; i < 21; i++) {
            lo = lo << 6 | value(id.charAt(i));
        }
        return lo << 2 | value(id.charAt(21)) >>> 4;
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
