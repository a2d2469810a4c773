package io.jwtgate.webxml;

/**
 * Text taken from a deployment descriptor, made safe to copy into one line of output: a log
 * message, an error message or a comment of translated rules. A character reference such as
 * {@code &#10;} puts a line break into any element, and a line break there would start a forged
 * log line or, in {@code jwtgate.rules}, a rule of its own.
 */
public final class DescriptorText {

    private DescriptorText() {
    }

    /** {@code text} with every control character (line breaks, tabs, escapes) replaced by {@code ?}. */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
