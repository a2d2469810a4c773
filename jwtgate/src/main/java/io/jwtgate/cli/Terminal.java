package io.jwtgate.cli;

import io.jwtgate.store.AuditText;

/**
 * Text from the store or the command line made safe to print on a terminal: a control,
 * bidirectional or other invisible format character becomes a visible {@code \}{@code uXXXX}, so a
 * stored name cannot move the cursor, recolour the screen or reorder what the operator reads.
 * (The audit table holds escaped text already; rows written by other tools may not.) The rule is
 * {@link AuditText#mustEscape}, so the command line escapes what the audit trail escapes.
 */
final class Terminal {

    private Terminal() {
    }

    static String safe(String text) {
        if (text == null) {
            return "-";
        }
        // The audit table's rule for what must not reach a terminal raw; the backslash is left alone,
        // since audit rows arrive escaped already and would otherwise show doubled backslashes.
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (AuditText.mustEscape(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
