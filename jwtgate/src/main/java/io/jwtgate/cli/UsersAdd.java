package io.jwtgate.cli;

import io.jwtgate.store.User;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code jwtgate users add NAME --role R... [--email E]}: creates an account under the rules of
 * registration (username policy, look-alike names, password strength), the password read from
 * the terminal or stdin.
 */
final class UsersAdd extends AdminCommand {

    UsersAdd() {
        this(Clock.systemUTC());
    }

    UsersAdd(Clock clock) {
        super(clock);
    }

    @Override
    public String name() {
        return "users add";
    }

    @Override
    public String summary() {
        return "create an account (password from the terminal or stdin)";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate [--config FILE] users add NAME --role ROLE [--role ROLE...] [--email EMAIL]",
                "                                [--context PATH]",
                "",
                "Creates the account NAME with the given roles. The name follows jwtgate.username.characters",
                "and must not look like an existing name; the password must pass jwtgate.password.min-score,",
                "as at registration. At a terminal the password is asked twice without echo; otherwise the",
                "first line of stdin is the password: printf '%s\\n' \"$PASSWORD\" | jwtgate users add ...",
                "A --password option is refused (exit 2): arguments show in ps and shell history.",
                "",
                "  --role ROLE     a role of the account; repeat for several (at least one)",
                "  --email EMAIL   the account's email address",
                commonHelp());
    }

    @Override
    Set<String> valueOptions() {
        return Set.of("--role", "--email");
    }

    @Override
    void check(Arguments args) throws CliException {
        args.onePositional("user name");
        args.one("--email");
        if (args.all("--role").isEmpty()) {
            throw new CliException(ExitCode.USAGE, "give the account's roles with --role ROLE (repeat for several)");
        }
    }

    @Override
    int run(Arguments args, AdminStore store, CliContext context) throws CliException {
        String name = args.onePositional("user name");
        Set<String> roles = new LinkedHashSet<>(args.all("--role"));
        String password = PasswordInput.read(context, Terminal.safe(name));
        User user = store.accounts().create(name, args.one("--email").orElse(null), password, roles);
        store.audit().record("user_registered", user.username(), null, Map.ofEntries(AdminStore.VIA,
                Map.entry("sub", user.id())));
        context.out().println("created user " + Terminal.safe(user.username()) + " with roles "
                + String.join(" ", new java.util.TreeSet<>(user.roles())));
        return ExitCode.OK;
    }
}
