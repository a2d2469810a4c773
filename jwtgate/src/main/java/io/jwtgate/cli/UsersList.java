package io.jwtgate.cli;

import io.jwtgate.store.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code jwtgate users list}: every account with its email, roles, state and whether its stored
 * hash is still an older system's digest (upgraded to bcrypt at its next login). Never the hash.
 */
final class UsersList extends AdminCommand {

    UsersList() {
        super(Clock.systemUTC());
    }

    @Override
    public String name() {
        return "users list";
    }

    @Override
    public String summary() {
        return "list the accounts (name, email, roles, enabled, legacy digest)";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate [--config FILE] users list [--context PATH]",
                "",
                "Prints one line per account: name, email (- for none), roles (- for none), enabled (yes/no)",
                "and the kind of stored password: 'bcrypt', or 'legacy' for an older system's digest that is",
                "replaced by bcrypt at the account's next login. Hashes are never printed.",
                "",
                commonHelp());
    }

    @Override
    void check(Arguments args) throws CliException {
        args.noPositional();
    }

    @Override
    int run(Arguments args, AdminStore store, CliContext context) throws CliException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"USERNAME", "EMAIL", "ROLES", "ENABLED", "PASSWORD"});
        for (User user : store.users().list()) {
            Set<String> roles = new TreeSet<>(user.roles());
            rows.add(new String[] {Terminal.safe(user.username()), Terminal.safe(user.email()),
                    roles.isEmpty() ? "-" : Terminal.safe(String.join(",", roles)), user.enabled() ? "yes" : "no",
                    isBcrypt(user.passwordHash()) ? "bcrypt" : "legacy"});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            context.out().println(line);
        }
        return ExitCode.OK;
    }

    /** A bcrypt hash as JwtGate writes it; anything else is a legacy digest waiting for its upgrade. */
    static boolean isBcrypt(String hash) {
        return hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$");
    }
}
