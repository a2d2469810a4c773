package io.jwtgate.password;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reverses Jetty's {@code OBF:} obfuscation (not encryption: Jetty documents it as a guard against casual
 * reading only). Each byte is four base-36 digits; a {@code U} marks a byte written as the high half of a
 * 16-bit value (used where a byte is not ASCII), the others carry the byte in the sum of two halves. Written from the format's definition.
 */
final class JettyObfuscation {

    static final String PREFIX = "OBF:";

    private JettyObfuscation() {
    }

    /** The password an {@code OBF:} text stands for (without the prefix); empty if the text is not well formed. */
    static Optional<String> reveal(String obfuscated) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < obfuscated.length()) {
            boolean high = obfuscated.charAt(i) == 'U';
            if (high) {
                i++;
            }
            if (i + 4 > obfuscated.length()) {
                return Optional.empty();
            }
            int v = 0;
            for (int k = i; k < i + 4; k++) {
                int d = Character.digit(obfuscated.charAt(k), 36);
                if (d < 0 || obfuscated.charAt(k) > 'z') {
                    return Optional.empty();
                }
                v = v * 36 + d;
            }
            i += 4;
            if (high) {
                bytes.write(v >> 8);
            } else {
                // v = 256 * (127 + b + m) + (127 + b - m), m the byte at the mirrored position: the two parts
                // add up to 254 plus twice the byte b.
                int twice = v / 256 + v % 256 - 254;
                if (twice < 0 || twice > 255 * 2) {
                    return Optional.empty();
                }
                bytes.write(twice / 2);
            }
        }
        return Optional.of(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
    }
}
