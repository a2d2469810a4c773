package io.jwtgate.sample;

/** Escapes text for HTML element content and quoted attribute values: the page never writes raw input. */
final class Html {

    private Html() {
    }

    /** {@code text} with {@code & < > " '} as character references and control characters dropped; "" for null. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // Line breaks and tabs stay (a message may span lines); other controls have no business in a page.
                    if (c >= 0x20 && c != 0x7f || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
