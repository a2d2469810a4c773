package io.jwtgate.cli;

/**
 * Text from the store or the command line made safe to print on a terminal: a control,
 * bidirectional or other invisible format character becomes a visible {@code \}{@code uXXXX}, so a
 * stored name cannot move the cursor, recolour the screen or reorder what the operator reads.
 * (The audit table holds escaped text already; rows written by other tools may not.)
 */
final class Terminal {

    private Terminal() {
    }

    static String safe(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    || cp == 0x2028 || cp == 0x2029) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
