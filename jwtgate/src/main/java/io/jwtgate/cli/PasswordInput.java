package io.jwtgate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
        String text = line.toString(StandardCharsets.UTF_8);
        // A line from a Windows editor or here-string ends in CR LF; the CR is not part of the password.
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
