package io.jwtgate.importer;

import java.util.List;

/**
 * What a reader found at one place of a user file: an account to import, or a line it could not
 * read. Neither ever shows a credential: {@link Entry#toString()} leaves it out, and a
 * {@link Malformed} line names only the field at fault.
 */
public sealed interface ImportLine permits ImportLine.Entry, ImportLine.Malformed {

    /** The 1-based line of the file where the entry starts. */
    int line();

    /**
     * An account as the file states it, not yet validated.
     *
     * @param email null for none
     * @param roles as the file lists them (trimmed, without empty names), in order
     * @param credential the stored digest or password text, exactly as the file holds it
     */
    record Entry(int line, String username, String email, List<String> roles, String credential)
            implements ImportLine {

        public Entry {
            roles = List.copyOf(roles);
        }

        /** Without the credential, which must never reach a log or a report. */
        @Override
        public String toString() {
            return "Entry[line=" + line + ", roles=" + roles + "]";
        }
    }

    /**
     * A line that does not hold an account the format can describe.
     *
     * @param field the field at fault ({@code username}, {@code hash}, {@code line}...)
     * @param reason what is wrong, in words that never quote the line
     */
    record Malformed(int line, String field, String reason) implements ImportLine {
    }
}
