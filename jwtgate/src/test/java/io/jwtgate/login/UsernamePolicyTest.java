package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.ConfigurationException;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwtgate.username.characters}: what a new username may hold (decision 87). */
class UsernamePolicyTest {

    @TempDir
    Path dir;

    private final UsernamePolicy standard = UsernamePolicy.standard();

    @Test
    void theDefaultAcceptsLettersOfAnyScriptDigitsAndDotUnderscoreHyphenAt() {
        for (String name : List.of("alice", "bob.smith", "j_doe-2", "ops@example.org", "J\u00fcrgen", "\u0391\u03b8\u03b7\u03bd\u03ac",
                "\u0915\u093f\u0930\u0923", "\u674e\u5c0f\u9f99", "\u0661\u0662\u0663", "x".repeat(100))) {
            assertEquals(name, standard.apply(name), name);
        }
    }

    @Test
    void markupQuotesSlashesSpacesAndControlsAreRefusedNamingTheAllowedCharactersNotTheInput() {
        for (String name : List.of("<svg/onload=alert(document.domain)>", "<b>", "a\"b", "a'b", "a/b", "a\\b", "a b",
                "a\tb", "a\u0000b", "admin\u202e", "a\u200bb", "a;b", "a&b", "a%2fb", "a+b", "a:b")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> standard.apply(name), name);
            assertEquals("username", e.field());
            assertEquals("username may hold only letters, digits and the characters - . @ _", e.getMessage());
        }
    }

    @Test
    void namesAreNfkcNormalisedBeforeTheyAreChecked() {
        assertEquals("admin", standard.apply("\uff41\uff44\uff4d\uff49\uff4e"));
        assertEquals("file", standard.apply("\ufb01le"));
        assertEquals("Jos\u00e9", standard.apply("Jose\u0301"));
        assertEquals("x2", standard.apply("x\u00b2"));
        // Fullwidth markup stays markup after NFKC.
        assertThrows(InvalidInputException.class, () -> standard.apply("\uff1csvg\uff0fonload\uff1d1\uff1e"));
    }

    @Test
    void combiningMarksFollowALetterAtMostThreeInARow() {
        String threeMarks = "q\u0323\u0307\u0331";
        assertEquals(Normalizer.normalize(threeMarks, Normalizer.Form.NFKC), standard.apply(threeMarks));
        assertThrows(InvalidInputException.class, () -> standard.apply("q\u0323\u0307\u0331\u0332"));
        assertThrows(InvalidInputException.class, () -> standard.apply("\u0301abc"));
        assertThrows(InvalidInputException.class, () -> standard.apply("a.\u0301"));
    }

    @Test
    void aNameNeedsALetterOrDigitSoDotsAloneAreRefused() {
        for (String name : List.of(".", "..", "-", "@", "_._")) {
            assertThrows(InvalidInputException.class, () -> standard.apply(name), name);
        }
        assertThrows(InvalidInputException.class, () -> standard.apply(""));
        assertThrows(InvalidInputException.class, () -> standard.apply("x".repeat(101)));
        assertThrows(InvalidInputException.class, () -> standard.apply(null));
    }

    @Test
    void anOperatorCanNarrowTheSetToAsciiOrWidenItByCharacters() {
        UsernamePolicy ascii = UsernamePolicy.parse("ascii-letters ascii-digits _");
        assertEquals("bob_2", ascii.apply("bob_2"));
        assertThrows(InvalidInputException.class, () -> ascii.apply("J\u00fcrgen"));
        assertThrows(InvalidInputException.class, () -> ascii.apply("bob.smith"));
        assertEquals("username may hold only ASCII letters, ASCII digits and the characters _", ascii.description());
        UsernamePolicy plus = UsernamePolicy.parse("  letters   digits + '  ");
        assertEquals("o'brien+1", plus.apply("o'brien+1"));
    }

    @Test
    void unknownWordsMarksAndCharactersThatNfkcChangesAreRefusedWhenParsed() {
        for (String spec : List.of("", "  ", "letters numbers", "letters ab", "letters \u0301", "letters \uff3f",
                "letters \u200b")) {
            assertThrows(IllegalArgumentException.class, () -> UsernamePolicy.parse(spec), spec);
        }
    }

    @Test
    void aBadSettingFailsAtStartNamingTheKey() {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.username.characters", "letters numbers");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> TestSettings.settings(params));
        assertTrue(e.getMessage().contains("jwtgate.username.characters"), e.getMessage());
        assertTrue(e.getMessage().contains("'numbers'"), e.getMessage());
        params.put("jwtgate.username.characters", "ascii-letters");
        assertEquals("username may hold only ASCII letters",
                TestSettings.settings(params).login().usernamePolicy().description());
    }

    @Test
    void theLengthIsCountedInUtf16UnitsWhatVarchar100HoldsOnH2() {
        String gothic = new String(Character.toChars(0x10330));
        String cjkB = new String(Character.toChars(0x20000));
        assertEquals(gothic.repeat(50), standard.apply(gothic.repeat(50)));
        for (String name : List.of(gothic.repeat(51), cjkB.repeat(60), "x".repeat(99) + gothic)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> standard.apply(name));
            assertTrue(e.getMessage().startsWith("username must have 1 to 100 characters"), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> AccountRules.username(gothic.repeat(51)));
    }

    @Test
    void invisibleLettersAndMarksHangulFillersVariationSelectorsAreRefused() {
        for (String name : List.of("\u3164", "\u3164\u3164", "a\u3164b", "\uffa0", "\u115f", "\u1160", "a\ufe0f", "a\u034f",
                "a\u180b", "a\udb40\udd00")) {
            assertThrows(InvalidInputException.class, () -> standard.apply(name), name);
        }
        assertThrows(InvalidInputException.class, () -> AccountRules.username("\u3164"), "nor by the operator's override");
        assertEquals("\ud55c\uae00", standard.apply("\u1112\u1161\u11ab\u1100\u1173\u11af"), "real Hangul stays");
    }

    @Test
    void aLetterWhoseLookAlikeIsPunctuationIsNoNameOnItsOwn() {
        assertThrows(InvalidInputException.class, () -> standard.apply("\u01c3"));
        assertEquals("a\u01c3", standard.apply("a\u01c3"));
    }

    @Test
    void optionAndDotfileShapesHyphenOrDotFirstAreRefused() {
        for (String name : List.of("-rf", "--help", "-", ".profile", ".admin", "\uff0dx")) {
            assertThrows(InvalidInputException.class, () -> standard.apply(name), name);
        }
        assertEquals("a-", standard.apply("a-"));
        assertEquals("_x", standard.apply("_x"));
    }

    @Test
    void aMarkMustBelongToItsLettersScriptOrToNone() {
        assertThrows(InvalidInputException.class, () -> standard.apply("admin\u0610"), "Arabic sign on a Latin n");
        assertThrows(InvalidInputException.class, () -> standard.apply("a\u093f"), "Devanagari vowel sign on a Latin a");
        assertEquals("\u0915\u093f\u0930\u0923", standard.apply("\u0915\u093f\u0930\u0923"));
        assertEquals("\u0628\u0610", standard.apply("\u0628\u0610"), "Arabic sign on an Arabic letter");
        assertEquals("q\u0323", standard.apply("q\u0323"), "an Inherited diacritic, which the key strips");
    }
}
