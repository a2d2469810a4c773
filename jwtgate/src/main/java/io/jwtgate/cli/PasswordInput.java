package io.jwtgate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a new password: at a terminal twice without echo (a typo would lock the user out), else
 * one line from stdin (a script pipes it: {@code printf '%s\n' "$PW" | jwtgate ...}). Never from
 * the arguments, never echoed, never in a message.
 */
final class PasswordInput {

    /** Far beyond bcrypt's 72 bytes, which the password rules enforce with a clear message. */
    private static final int MAX_LINE_BYTES = 1024;

    private PasswordInput() {
    }

    static String read(CliContext context, String forWhom) throws CliException {
        if (context.console().isPresent()) {
            CliContext.Console console = context.console().get();
            char[] first = console.readPassword("New password for " + forWhom + ": ");
            char[] second = first == null ? null : console.readPassword("Repeat the password: ");
            try {
                if (first == null || second == null) {
                    throw new CliException(ExitCode.INPUT, "no password given");
                }
                if (!Arrays.equals(first, second)) {
                    throw new CliException(ExitCode.INPUT, "the two passwords differ; nothing was changed");
                }
                return new String(first);
            } finally {
                wipe(first);
                wipe(second);
            }
        }
        return oneLine(context.in());
    }

    private static String oneLine(InputStream in) throws CliException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            boolean any = false;
            while ((b = in.read()) != -1 && b != '\n') {
                any = true;
                if (line.size() >= MAX_LINE_BYTES) {
                    throw new CliException(ExitCode.INPUT, "the password line on stdin is too long");
                }
                line.write(b);
            }
            if (!any && b == -1) {
                throw new CliException(ExitCode.INPUT, "no password: type it at a terminal, or pipe it as one line"
                        + " on stdin");
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, "stdin cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        String text = decode(line.toByteArray());
        // A line from a Windows editor or here-string ends in CR LF; the CR is not part of the password.
        text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        // Windows PowerShell pipes UTF-8 with a byte order mark; it is no part of what was typed (decision 384).
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Strict UTF-8: bytes in another encoding (a Latin-1 terminal's {@code ä}) are refused rather
     * than replaced by U+FFFD, which would store the hash of a password nobody typed, and make two
     * different passwords one (decision 383).
     */
    private static String decode(byte[] bytes) throws CliException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CliException(ExitCode.INPUT, "the password line on stdin is not UTF-8 text; nothing was"
                    + " changed. Pipe it in UTF-8 (e.g. iconv -f LATIN1 -t UTF-8), or type it at a terminal");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
