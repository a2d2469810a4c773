package io.jwtgate.cli;

import io.jwtgate.store.User;
import java.time.Clock;
import java.util.Map;

/**
 * {@code jwtgate users reset-password NAME}: sets a new password (read as for {@code users add},
 * under the same strength rules as a password change), then, as {@code POST /auth/password}
 * does, tells every node to forget its cached Basic checks and ends every session of the account.
 */
final class UsersResetPassword extends AdminCommand {

    UsersResetPassword() {
        super(Clock.systemUTC());
    }

    @Override
    public String name() {
        return "users reset-password";
    }

    @Override
    public String summary() {
        return "set a new password (terminal or stdin) and end the account's sessions";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate [--config FILE] users reset-password NAME [--context PATH]",
                "",
                "Sets a new password for the account NAME. At a terminal it is asked twice without echo;",
                "otherwise the first line of stdin is the password. It must pass jwtgate.password.min-score.",
                "Every session of the account is revoked and every node forgets its cached Basic checks.",
                "A --password option is refused (exit 2): arguments show in ps and shell history.",
                "",
                commonHelp());
    }

    @Override
    void check(Arguments args) throws CliException {
        args.onePositional("user name");
    }

    @Override
    int run(Arguments args, AdminStore store, CliContext context) throws CliException {
        User user = store.user(args.onePositional("user name"));
        String password = PasswordInput.read(context, Terminal.safe(user.username()));
        store.accounts().setPassword(user, password);
        int revoked = store.endSessionsAndCachedChecks(user);
        store.audit().record("password_changed", user.username(), null, Map.ofEntries(AdminStore.VIA,
                Map.entry("sessions_revoked", Integer.toString(revoked))));
        context.out().println("password of " + Terminal.safe(user.username()) + " changed; "
                + UsersEnablement.sessions(revoked) + " revoked");
        return ExitCode.OK;
    }
}
