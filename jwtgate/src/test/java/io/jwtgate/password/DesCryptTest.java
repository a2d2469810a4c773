package io.jwtgate.password;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.security.UnixCrypt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DesCryptTest {

    private static final List<String> PASSWORDS = List.of("pw", "correct horse battery", "", "a", "12345678",
            "123456789", "~!@#$%^&*()_+{}|:\"<>?", "\u007fdel");
    private static final List<String> SALTS = List.of("ab", "..", "//", "zz", "Az", "9.", "x/");

    @Test
    void desEncryptsTheClassicTestVector() {
        // The textbook example: key 133457799BBCDFF1, plaintext 0123456789ABCDEF -> 85E813540F0AB405.
        int[] key = bits(0x133457799BBCDFF1L);
        int[] block = bits(0x0123456789ABCDEFL);
        int[] padded = new int[66];
        System.arraycopy(block, 0, padded, 0, 64);
        DesCrypt.encrypt(padded, DesCrypt.schedule(key), DesCrypt.standardE());
        int[] out = new int[64];
        System.arraycopy(padded, 0, out, 0, 64);
        assertArrayEquals(bits(0x85E813540F0AB405L), out);
    }

    @Test
    void cryptAgreesWithJettysUnixCrypt() {
        for (String pw : PASSWORDS) {
            for (String salt : SALTS) {
                assertEquals(UnixCrypt.crypt(pw, salt), DesCrypt.crypt(pw, salt).orElseThrow(), pw + " / " + salt);
            }
        }
    }

    @Test
    void cryptAgreesWithTheSystemCryptThroughPerl() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("perl", "-ne", "chomp; print crypt($_, 'Xy'), \"\\n\"")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            Assumptions.abort("perl is not installed; Jetty's UnixCrypt is the reference then");
            return;
        }
        p.getOutputStream().write("correct horse\nsecret12\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Assumptions.assumeTrue(p.exitValue() == 0 && !out.isBlank(), "perl has no crypt here");
        assertEquals(DesCrypt.crypt("correct horse", "Xy").orElseThrow() + "\n"
                + DesCrypt.crypt("secret12", "Xy").orElseThrow() + "\n", out);
    }

    @Test
    void cryptKeepsOnlyTheFirstEightCharacters() {
        assertEquals(DesCrypt.crypt("password", "ab"), DesCrypt.crypt("password and more", "ab"));
    }

    @Test
    void cryptRefusesCharactersBeyondAscii() {
        assertTrue(DesCrypt.crypt("gr\u00fc\u00dfe", "ab").isEmpty());
    }

    @Test
    void theShapeIsThirteenCharactersOfTheAlphabet() {
        assertTrue(DesCrypt.isShaped("abJnggxhB/yWI"));
        assertTrue(!DesCrypt.isShaped("abJnggxhB/yW"));
        assertTrue(!DesCrypt.isShaped("abJnggxhB/yW!"));
    }

    private static int[] bits(long v) {
        int[] b = new int[64];
        for (int i = 0; i < 64; i++) {
            b[i] = (int) ((v >>> (63 - i)) & 1);
        }
        return b;
    }
}
