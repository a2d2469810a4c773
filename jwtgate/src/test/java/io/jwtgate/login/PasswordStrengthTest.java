package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the estimator is given. Its cost grows combinatorially with look-alike characters (about
 * 3 s for 72 of them, outside review 2 of issue 7), so only a bounded prefix is scored; the bound
 * is checked here by what the estimator receives, never by timing.
 */
class PasswordStrengthTest {

    /** 72 bytes of zxcvbn's substitution characters: the outside review's slowest input. */
    private static final String LOOK_ALIKES =
            "032<5(!|{$3!@1+61+%01(<(|@6%5[{{|[%($48|0[{2(<547{+7+63[|19692(389670!!7";

    @Test
    void theEstimatorSeesAtMostTheFirst32CharactersOfA72BytePassword() {
        assertEquals(72, LOOK_ALIKES.getBytes(StandardCharsets.UTF_8).length);
        List<String> scored = new ArrayList<>();
        Zxcvbn real = new Zxcvbn();
        PasswordStrength strength = new PasswordStrength((password, context) -> {
            scored.add(password);
            return real.measure(password, context);
        }, 3, "jwtgate");

        assertDoesNotThrow(() -> strength.check(LOOK_ALIKES, "mallory", "mallory@example.org"));
        assertEquals(List.of(LOOK_ALIKES.substring(0, PasswordStrength.SCORED_CHARACTERS)), scored);
    }

    @Test
    void thePrefixIsCountedInCodePointsSoNoSurrogatePairIsCut() {
        String emoji = "\uD83D\uDD11"; // one code point, two chars
        String password = emoji.repeat(18); // 72 bytes
        List<String> scored = new ArrayList<>();
        Zxcvbn real = new Zxcvbn();
        PasswordStrength strength = new PasswordStrength((p, context) -> {
            scored.add(p);
            return real.measure(p, context);
        }, 3, "jwtgate");

        assertThrows(InvalidInputException.class, () -> strength.check(password, "mallory", null),
                "one symbol repeated is guessable");
        assertEquals(List.of(password), scored, "18 code points are under the bound: scored whole");
    }

    @Test
    void aLongPasswordWhoseFirst32CharactersAreGuessableIsRefused() {
        // Whoever guesses it knows its start; the bound can only make the check stricter.
        String password = "passwordpasswordpasswordpassword" + "Vq7#kT2!zR9@xW4$mN6&";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PasswordStrength(3, "jwtgate").check(password, "mallory", null));
        assertEquals("password", e.field());
    }
}
