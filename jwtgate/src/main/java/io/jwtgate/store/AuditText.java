package io.jwtgate.store;

/**
 * Makes client-supplied text safe to store in the audit table and to write into a log line: every
 * character that a terminal, a log viewer or a browser would interpret instead of showing becomes
 * a visible {@code \}{@code uXXXX} escape, so a username can neither start a fake line (CR, LF,
 * U+2028), drive a terminal (ESC, the C1 CSI), reorder what a reader sees (U+202E and the other
 * bidirectional controls) nor hide text (zero-width and other invisible characters).
 *
 * <p>The encoding is unambiguous: a backslash becomes two, so text that merely looks like an escape
 * (a backslash typed before {@code u202e}) keeps its doubled backslash and cannot be mistaken for an
 * escaped character (no escape is spelled out here: javac reads one even inside a comment).
 * Characters outside the BMP are escaped as their UTF-16 pair, as JSON does. Everything else,
 * including letters of every script, stays as it is.
 */
public final class AuditText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AuditText() {
    }

    /**
     * The escaped form of {@code text}, at most {@code maxLength} characters long; an escape or a
     * surrogate pair is never cut in half (the text ends before it).
     *
     * @return null for null
     */
    public static String escape(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length() + 16, maxLength));
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            String unit;
            if (cp == '\\') {
                unit = "\\\\";
            } else if (mustEscape(cp)) {
                unit = n == 1 ? hex(cp) : hex(Character.highSurrogate(cp)) + hex(Character.lowSurrogate(cp));
            } else {
                unit = text.substring(i, i + n);
            }
            if (out.length() + unit.length() > maxLength) {
                break;
            }
            out.append(unit);
            i += n;
        }
        return out.toString();
    }

    /**
     * Whether a code point is written as an escape: controls (C0 with CR, LF, TAB and ESC, DEL, C1),
     * format characters (the bidirectional controls U+061C, U+200E, U+200F, U+202A–U+202E,
     * U+2066–U+2069, zero-width U+200B–U+200D, U+2060, U+FEFF, the tag characters U+E0000–U+E007F,
     * the soft hyphen), the line and paragraph separators U+2028 and U+2029, unpaired surrogates,
     * variation selectors, the blank Hangul fillers, the combining grapheme joiner, the braille blank and
     * noncharacters.
     */
    public static boolean mustEscape(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE:
                return true;
            default:
                break;
        }
        return invisible(cp) || noncharacter(cp);
    }

    /** Letters and marks that render as nothing: text can hide between them. */
    private static boolean invisible(int cp) {
        return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) // variation selectors
                || cp == 0x115f || cp == 0x1160 || cp == 0x3164 || cp == 0xffa0 // Hangul fillers
                || cp == 0x180e // Mongolian vowel separator, a format character before Unicode 6.3
                || cp == 0x034f || cp == 0x2800; // combining grapheme joiner, braille blank (decision 389)
    }

    /** U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, ...). */
    private static boolean noncharacter(int cp) {
        return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
    }

    private static String hex(int c) {
        return new String(new char[] {'\\', 'u', HEX[(c >> 12) & 0xf], HEX[(c >> 8) & 0xf], HEX[(c >> 4) & 0xf],
                HEX[c & 0xf]});
    }
}
