package io.jwtgate.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The entries of a {@code .properties} file one at a time, with the line each starts on, read as
 * {@code java.util.Properties.load(InputStream)} reads them (ISO-8859-1; {@code #}/{@code !}
 * comments; a line ending in an odd number of backslashes continues on the next; the key ends at the
 * first unescaped {@code =}, {@code :} or white space; {@code \t \n \r \f \\uXXXX} and {@code \x}
 * escapes). {@code Properties} itself keeps neither line numbers nor order, and holds the whole file.
 */
final class PropertiesLines {

    /**
     * One entry.
     *
     * @param malformed null, or why the entry cannot be read (never quoting it)
     */
    record Property(int line, String key, String value, String malformed) {
        /** Without key and value: the value may be a credential. */
        @Override
        public String toString() {
            return "Property[line=" + line + "]";
        }
    }

    private final TextLines lines;

    PropertiesLines(InputStream in) {
        // Properties.load(InputStream) reads ISO-8859-1, and so does Jetty's PropertyUserStore.
        this.lines = new TextLines(in, StandardCharsets.ISO_8859_1);
    }

    /** The next entry, or null at the end. */
    Property next() throws IOException, ImportFileException {
        TextLines.Line first;
        String text;
        do {
            first = lines.next();
            if (first == null) {
                return null;
            }
            text = stripLeading(first.text());
        } while (text.isEmpty() || text.charAt(0) == '#' || text.charAt(0) == '!');
        StringBuilder logical = new StringBuilder();
        boolean tooLong = first.tooLong();
        String part = text;
        while (true) {
            boolean continues = endsInOddBackslashes(part);
            if (logical.length() + part.length() <= TextLines.MAX_LINE) {
                logical.append(part, 0, continues ? part.length() - 1 : part.length());
            } else {
                tooLong = true;
            }
            if (!continues) {
                break;
            }
            TextLines.Line next = lines.next();
            if (next == null) {
                break;
            }
            tooLong |= next.tooLong();
            part = stripLeading(next.text());
        }
        if (tooLong) {
            return new Property(first.number(), null, null, "longer than " + TextLines.MAX_LINE + " characters");
        }
        return split(first.number(), logical.toString());
    }

    private static Property split(int line, String s) {
        int keyEnd = 0;
        boolean escaped = false;
        boolean hasSeparator = false;
        while (keyEnd < s.length()) {
            char c = s.charAt(keyEnd);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '=' || c == ':') {
                hasSeparator = true;
                break;
            } else if (white(c)) {
                break;
            }
            keyEnd++;
        }
        int valueStart = Math.min(keyEnd + 1, s.length());
        while (valueStart < s.length()) {
            char c = s.charAt(valueStart);
            if (!white(c)) {
                if (!hasSeparator && (c == '=' || c == ':')) {
                    hasSeparator = true;
                } else {
                    break;
                }
            }
            valueStart++;
        }
        try {
            return new Property(line, unescape(s.substring(0, keyEnd)), unescape(s.substring(valueStart)), null);
        } catch (IllegalArgumentException e) {
            return new Property(line, null, null, "malformed \\uXXXX escape");
        }
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= s.length()) {
                        throw new IllegalArgumentException();
                    }
                    int value = 0;
                    for (int k = 1; k <= 4; k++) {
                        int digit = Character.digit(s.charAt(i + k), 16);
                        if (digit < 0) {
                            throw new IllegalArgumentException();
                        }
                        value = value * 16 + digit;
                    }
                    out.append((char) value);
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private static boolean endsInOddBackslashes(String s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && white(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static boolean white(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }
}
