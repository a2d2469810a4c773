package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link AuditText} turns into escapes, what it keeps, and where it stops. */
class AuditTextTest {

    private static String escape(String s) {
        return AuditText.escape(s, 1000);
    }

    @Test
    void controlCharactersOfC0DelAndC1AreEscaped() {
        assertEquals("a\\u000d\\u000a\\u001b[31m\\u0009\\u0000b", escape("a\r\n\u001b[31m\t\u0000b"));
        assertEquals("\\u007f\\u0080\\u0085\\u009b\\u009f", escape("\u007f\u0080\u0085\u009b\u009f"));
    }

    @Test
    void lineSeparatorsBidiControlsAndInvisibleFormatCharactersAreEscaped() {
        List<Integer> escaped = List.of(0x2028, 0x2029, 0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d,
                0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0xfe0f,
                0x3164, 0x115f, 0xfffe, 0xffff, 0xfdd0);
        for (int cp : escaped) {
            assertEquals(String.format("x\\u%04xy", cp), escape("x" + Character.toString(cp) + "y"),
                    Integer.toHexString(cp));
        }
    }

    @Test
    void charactersOutsideTheBmpAreEscapedAsTheirUtf16Pair() {
        // A tag character (invisible, used to smuggle text) and a supplementary variation selector.
        assertEquals("\\udb40\\udc41\\udb40\\udd00", escape("\udb40\udc41\udb40\udd00"));
        // A visible emoji stays.
        assertEquals("ok \ud83d\ude00", escape("ok \ud83d\ude00"));
    }

    @Test
    void unpairedSurrogatesAreEscaped() {
        assertEquals("a\\ud800b\\udc00", escape("a\ud800b\udc00"));
    }

    @Test
    void aBackslashIsDoubledSoTypedEscapesCannotPassForEscapedCharacters() {
        assertEquals("\\\\u202e", escape("\\u202e"));
        assertEquals("CORP\\\\alice", escape("CORP\\alice"));
        assertFalse(escape("\\u202e").equals(escape("\u202e")));
    }

    @Test
    void lettersOfEveryScriptSpacesAndPunctuationStay() {
        String text = "Jürgen аdmin ａｄｍｉｎ 名前 مرحبا user=admin \"q\" <svg/onload=x> 1.2.3.4";
        assertEquals(text, escape(text));
    }

    @Test
    void truncationNeverCutsAnEscapeOrASurrogatePair() {
        assertEquals("ab", AuditText.escape("ab\u202ecd", 7));
        assertEquals("ab\\u202e", AuditText.escape("ab\u202ecd", 8));
        assertEquals("a", AuditText.escape("a\ud83d\ude00", 2));
        assertEquals("a", AuditText.escape("a\\", 2));
        assertEquals(400, AuditText.escape("x".repeat(5000), 400).length());
    }

    @Test
    void nullStaysNull() {
        assertNull(AuditText.escape(null, 10));
    }

    @Test
    void noEscapedTextHoldsACharacterThatMustBeEscaped() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp < 0x30000; cp++) {
            all.appendCodePoint(cp);
        }
        String escaped = AuditText.escape(all.toString(), Integer.MAX_VALUE);
        assertTrue(escaped.codePoints().noneMatch(AuditText::mustEscape));
    }
}
