package io.jwtgate.password;

import java.util.Optional;

/** Lower-case hexadecimal, as the digests of Tomcat and Jetty are written. */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** The bytes of an even-length hex text in either case; empty for anything else. */
    static Optional<byte[]> decode(String text) {
        if (text.length() % 2 != 0) {
            return Optional.empty();
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || text.charAt(2 * i) > 'f' || text.charAt(2 * i + 1) > 'f') {
                // Character.digit also reads full-width and other Unicode digits; only ASCII is hex here.
                return Optional.empty();
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return Optional.of(out);
    }

    /** Whether the text is hex of exactly {@code chars} characters. */
    static boolean is(String text, int chars) {
        return text.length() == chars && decode(text).isPresent();
    }
}
