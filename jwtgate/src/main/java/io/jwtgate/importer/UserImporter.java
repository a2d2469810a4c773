package io.jwtgate.importer;

import io.jwtgate.login.AccountRules;
import io.jwtgate.login.Accounts;
import io.jwtgate.login.InvalidInputException;
import io.jwtgate.password.LegacyCredential;
import io.jwtgate.password.LegacyCredentials;
import io.jwtgate.password.UnrecognizedCredentialException;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.DuplicateUserException;
import io.jwtgate.store.User;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Creates the accounts a {@link UserFileReader} hands over, one line at a time, and reports each:
 * {@code created}, {@code skipped} (the name has an account: it is left exactly as it is, which makes
 * a second run create nothing) or {@code failed} (with the field and the reason, never the credential).
 * A digest is stored as it is, for its upgrade to bcrypt at the first login; a plain-text password
 * (only with {@code jwtgate.legacy.allow-plaintext}) is hashed with bcrypt first.
 *
 * <p>Names are kept as the legacy store has them (NFC, visible characters, 1 to 100), outside
 * {@code jwtgate.username.characters}: these accounts exist already and their users type those
 * names; a name that looks like an existing account's is still refused (decision 355).
 * A store fault propagates: the lines before it are imported, and a new run skips them.
 */
public final class UserImporter implements Consumer<ImportLine> {

    /** The counts of one run. */
    public record Summary(int created, int skipped, int failed) {
        public int total() {
            return created + skipped + failed;
        }
    }

    private final Accounts accounts;
    private final LegacyCredentials credentials;
    private final LegacyCredentials.Source source;
    private final Set<String> extraRoles;
    private final AuditLog audit;
    private final PrintStream report;
    /** The line each name was first seen on in this file, to report a name given twice. */
    private final Map<String, Integer> seen = new HashMap<>();
    private int created;
    private int skipped;
    private int failed;
    private int currentLine;

    /**
     * @param source how the file's credentials are read (a tomcat-users.xml credential is not an htpasswd one)
     * @param extraRoles roles every imported account gets besides those of the file, already validated
     * @param report where each line's outcome is printed
     */
    public UserImporter(Accounts accounts, LegacyCredentials credentials, LegacyCredentials.Source source,
            Set<String> extraRoles, AuditLog audit, PrintStream report) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.source = source;
        this.extraRoles = Set.copyOf(extraRoles);
        this.audit = audit;
        this.report = report;
    }

    @Override
    public void accept(ImportLine line) {
        currentLine = line.line();
        if (line instanceof ImportLine.Malformed m) {
            fail(m.line(), null, m.field(), m.reason());
        } else {
            importEntry((ImportLine.Entry) line);
        }
    }

    /** The line being imported, or the last one: where a store fault stopped the run. */
    public int currentLine() {
        return currentLine;
    }

    public Summary summary() {
        return new Summary(created, skipped, failed);
    }

    private void importEntry(ImportLine.Entry entry) {
        String name;
        try {
            name = AccountRules.username(entry.username());
        } catch (InvalidInputException e) {
            // The name is not printed: it may hold control characters, or be a password typed in the wrong column.
            fail(entry.line(), null, e.field(), e.getMessage());
            return;
        }
        if (CredentialShape.of(name)) {
            // Never printed: it is most likely a digest read from the wrong column (decision 385).
            fail(entry.line(), null, "username", "has the shape of a password digest, not of a name; are the"
                    + " columns in the order the format has?");
            return;
        }
        Integer earlier = seen.putIfAbsent(name, entry.line());
        if (earlier != null) {
            fail(entry.line(), name, "username", "also on line " + earlier + ", which alone is imported;"
                    + " remove the line that is not current");
            return;
        }
        if (accounts.findByUsername(name).isPresent()) {
            skipped++;
            report.println("line " + entry.line() + ": skipped " + name + ": an account of that name exists"
                    + " (left unchanged)");
            return;
        }
        Set<String> roles = new LinkedHashSet<>(entry.roles());
        roles.addAll(extraRoles);
        LegacyCredential credential;
        try {
            credential = credentials.read(entry.credential(), source);
        } catch (UnrecognizedCredentialException e) {
            // Its message names what to set, never the value.
            fail(entry.line(), name, "hash", e.getMessage());
            return;
        }
        User user;
        try {
            if (credential instanceof LegacyCredential.Digest digest) {
                user = accounts.createWithHash(name, entry.email(), digest.stored(), roles,
                        Accounts.NameCheck.OVERRIDE_CHARACTER_SET);
            } else {
                user = accounts.createWithExistingPassword(name, entry.email(),
                        ((LegacyCredential.Plain) credential).password(), roles, Accounts.NameCheck.OVERRIDE_CHARACTER_SET);
            }
        } catch (InvalidInputException e) {
            fail(entry.line(), name, e.field(), e.getMessage());
            return;
        } catch (DuplicateUserException e) {
            fail(entry.line(), name, "username", "looks like the name of an existing account, or the email is"
                    + " another account's");
            return;
        }
        audit.record("user_registered", user.username(), null, Map.of("sub", user.id(), "source", "import"));
        created++;
        report.println("line " + entry.line() + ": created " + name + rolesText(List.copyOf(roles)));
    }

    private static String rolesText(List<String> roles) {
        return roles.isEmpty() ? " (no roles)" : " (roles: " + String.join(" ", roles) + ")";
    }

    private void fail(int line, String name, String field, String reason) {
        failed++;
        report.println("line " + line + ": failed" + (name == null ? "" : " " + name) + ": " + field + ": " + reason);
    }
}
