package io.jwtgate.session;

/**
 * The form of JwtGate's own token and session ids ({@code AccessTokenIssuer.newId()}: 16 random
 * bytes in 22 characters of unpadded base64url), which {@link RevokedIds#withKey} reads back as
 * two longs without allocating: the request path looks one up for every verified token.
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

    /**
     * The six-bit value of {@code c} in base64url, or -1 when it is not in that alphabet; for a
     * character above 127, that of its low seven bits, so the caller must reject those itself. No
     * branch and no bounds check: the decode runs this 22 times per look-up.
     */
    static int value7(char c) {
        return VALUES[c & 0x7f];
    }
}
