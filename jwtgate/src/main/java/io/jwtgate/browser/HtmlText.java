package io.jwtgate.browser;

/**
 * Escapes text for HTML, in element content and in double- or single-quoted attribute values alike.
 * Every value JwtGate puts into a page goes through {@link #escape}, the ones it made itself too
 * (a CSRF token, a checked redirect target): one rule everywhere is easier to review than a judgement
 * per value.
 */
public final class HtmlText {

    private HtmlText() {
    }

    /**
     * {@code text} with {@code & < > " '} replaced by character references; null becomes the empty
     * string. Control characters other than tab, line feed and carriage return are dropped: they are
     * not allowed in HTML text, and no value JwtGate shows needs them.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 && c != 0x7f || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
