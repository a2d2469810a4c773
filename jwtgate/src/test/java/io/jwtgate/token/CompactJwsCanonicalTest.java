package io.jwtgate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Canonical base64url without encoding again (decision 612): for every part, the bit check accepts
 * exactly what decoding and encoding back to the same text accepted before.
 */
class CompactJwsCanonicalTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String HEADER = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.US_ASCII));

    /** The rule before: it decodes, and encodes back to exactly the same text. */
    private static boolean canonicalByReencoding(String part) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean accepted(String signature) {
        try {
            CompactJws.parse(HEADER + ".e30." + signature);
            return true;
        } catch (BadTokenException e) {
            return false;
        }
    }

    @Test
    void theBitCheckAcceptsExactlyWhatReencodingAccepted() {
        Random random = new Random(14L);
        int accepted = 0;
        for (int k = 0; k < 100_000; k++) {
            int length = 1 + random.nextInt(12);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append(ALPHABET.charAt(random.nextInt(64)));
            }
            String part = s.toString();
            boolean expected = canonicalByReencoding(part);
            assertEquals(expected, accepted(part), part);
            if (expected) {
                accepted++;
            }
        }
        assertEquals(true, accepted > 10_000 && accepted < 90_000, "both answers are exercised: " + accepted);
    }

    @Test
    void spareBitsInTheLastCharacterAreRefused() {
        // One byte 0xFF is "_w"; "_x" decodes to the same byte with a spare bit set.
        assertEquals(true, accepted("_w"));
        assertEquals(false, accepted("_x"));
        // Two bytes 0xFFFF are "__8"; "__9" sets a spare bit.
        assertEquals(true, accepted("__8"));
        assertEquals(false, accepted("__9"));
        assertEquals(false, accepted("_____"), "a length that leaves a lone character");
    }
}
