package io.jwtgate.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * The physical lines of a text file with their numbers, decoded strictly (a byte sequence that is
 * not text in the charset stops the file rather than becoming a {@code ?} in a name or password).
 * A line longer than {@link #MAX_LINE} characters is returned cut and marked, so that one huge line
 * cannot fill the memory.
 */
final class TextLines {

    /** Far beyond any account line: a PBKDF2 digest with a long salt stays under 1 000 characters. */
    static final int MAX_LINE = 16 * 1024;

    /** One physical line, without its line terminator. */
    record Line(int number, String text, boolean tooLong) {
        /** Without the text, which may hold a credential. */
        @Override
        public String toString() {
            return "Line[" + number + "]";
        }
    }

    private final Reader in;
    private final Charset charset;
    private final StringBuilder text = new StringBuilder();
    private int number;
    private boolean pendingLf;
    private boolean done;

    TextLines(InputStream in, Charset charset) {
        this.charset = charset;
        this.in = new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /** The next line, or null at the end; a leading byte order mark of the first line is dropped. */
    Line next() throws IOException, ImportFileException {
        if (done) {
            return null;
        }
        text.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            int c = read();
            if (c == '\n' && pendingLf) {
                // The LF of a CRLF whose CR ended the previous line.
                pendingLf = false;
                continue;
            }
            pendingLf = false;
            if (c < 0) {
                done = true;
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                pendingLf = true;
                break;
            }
            if (text.length() < MAX_LINE) {
                text.append((char) c);
            } else {
                tooLong = true;
            }
        }
        number++;
        if (number == 1 && text.length() > 0 && text.charAt(0) == '\uFEFF') {
            text.deleteCharAt(0);
        }
        return new Line(number, text.toString(), tooLong);
    }

    /** The number of the last line returned. */
    int number() {
        return number;
    }

    private int read() throws IOException, ImportFileException {
        try {
            return in.read();
        } catch (CharacterCodingException e) {
            // The decoder works ahead of the lines handed out, so the line at fault is not known.
            throw new ImportFileException("the file is not valid " + charset.name() + " text");
        }
    }
}
