package io.jwtgate.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A CSV file of {@code username,email,roles,hash} records (RFC 4180: fields in double quotes may hold
 * commas, line breaks and doubled quotes), UTF-8, with an optional header record naming exactly
 * those four columns in that order (a first record naming any of them in another way is refused, with
 * the whole file). The email may be empty; the roles are separated by spaces or {@code ;} (a
 * comma would need quotes); the hash is any form JwtGate stores, taken exactly as written. A record
 * is reported at the line it starts on.
 */
public final class CsvReader implements UserFileReader {

    static final List<String> HEADER = List.of("username", "email", "roles", "hash");

    @Override
    public void read(InputStream in, Consumer<ImportLine> sink) throws IOException, ImportFileException {
        TextLines lines = new TextLines(in, StandardCharsets.UTF_8);
        boolean first = true;
        for (TextLines.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.text().isEmpty() && !line.tooLong()) {
                continue;
            }
            Record record = new Record(line.number());
            record.parse(line, lines);
            if (record.malformed != null) {
                sink.accept(new ImportLine.Malformed(record.startLine, "line", record.malformed));
            } else if (first && isHeader(record.fields)) {
                // The header names the columns; it is no account.
            } else if (first && namesAColumn(record.fields)) {
                // Columns in another order would put a digest where the name is read, and the name is
                // printed in the report: the file is refused whole, nothing imported (decision 385).
                throw new ImportFileException("line " + record.startLine + " is a header, but not 'username,email,"
                        + "roles,hash' in that order: the columns must be exactly these four, in this order;"
                        + " reorder them (or drop the header line) and run again");
            } else if (record.fields.size() != HEADER.size()) {
                sink.accept(new ImportLine.Malformed(record.startLine, "line", "expected 4 fields"
                        + " (username,email,roles,hash), found " + record.fields.size()));
            } else {
                sink.accept(entry(record));
            }
            first = false;
        }
    }

    private static boolean isHeader(List<String> fields) {
        return fields.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList().equals(HEADER);
    }

    /** Whether a first record names any of the columns: a header, exact or not. */
    private static boolean namesAColumn(List<String> fields) {
        return fields.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).anyMatch(HEADER::contains);
    }

    private static ImportLine entry(Record record) {
        String username = record.fields.get(0).trim();
        String email = record.fields.get(1).trim();
        List<String> roles = new ArrayList<>();
        for (String role : record.fields.get(2).trim().split("[\\s;]+")) {
            if (!role.isEmpty()) {
                roles.add(role);
            }
        }
        // Not trimmed: RFC 4180 makes spaces part of a field, and a plain-text password may have them.
        String hash = record.fields.get(3);
        if (username.isEmpty()) {
            return new ImportLine.Malformed(record.startLine, "username", "empty");
        }
        if (hash.isEmpty()) {
            return new ImportLine.Malformed(record.startLine, "hash", "empty");
        }
        return new ImportLine.Entry(record.startLine, username, email.isEmpty() ? null : email, roles, hash);
    }

    /** One record being parsed, possibly over several physical lines. */
    private static final class Record {

        final int startLine;
        final List<String> fields = new ArrayList<>();
        String malformed;
        private final StringBuilder field = new StringBuilder();
        private int size;
        private boolean inQuotes;
        private boolean afterQuote;

        Record(int startLine) {
            this.startLine = startLine;
        }

        void parse(TextLines.Line first, TextLines lines) throws IOException, ImportFileException {
            TextLines.Line line = first;
            while (true) {
                if (line.tooLong()) {
                    fail("longer than " + TextLines.MAX_LINE + " characters");
                }
                String text = line.text();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (inQuotes) {
                        if (c != '"') {
                            append(c);
                        } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            append('"');
                            i++;
                        } else {
                            inQuotes = false;
                            afterQuote = true;
                        }
                    } else if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        afterQuote = false;
                    } else if (afterQuote) {
                        fail("text after the closing quote of a field");
                    } else if (c == '"' && field.length() == 0) {
                        inQuotes = true;
                    } else if (c == '"') {
                        fail("a quote inside a field that does not start with one");
                    } else {
                        append(c);
                    }
                }
                if (!inQuotes) {
                    fields.add(field.toString());
                    return;
                }
                line = lines.next();
                if (line == null) {
                    fail("a quoted field is not closed before the end of the file");
                    return;
                }
                append('\n');
            }
        }

        private void append(char c) {
            if (++size > TextLines.MAX_LINE) {
                fail("longer than " + TextLines.MAX_LINE + " characters");
            } else {
                field.append(c);
            }
        }

        private void fail(String reason) {
            if (malformed == null) {
                malformed = reason;
            }
        }
    }
}
