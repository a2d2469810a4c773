package io.jwtgate.cli;

import io.jwtgate.store.User;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * {@code jwtgate sessions revoke --user NAME}: ends every session of the account in every
 * application sharing the store (refresh tokens at once, access tokens on each node within its
 * revocation refresh). The account itself stays usable: its owner can log in again.
 */
final class SessionsRevoke extends AdminCommand {

    SessionsRevoke() {
        super(Clock.systemUTC());
    }

    @Override
    public String name() {
        return "sessions revoke";
    }

    @Override
    public String summary() {
        return "end every session of an account";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate [--config FILE] sessions revoke --user NAME [--context PATH]",
                "",
                "Revokes every session of the account NAME in every application sharing the store: its refresh",
                "tokens fail at once, its access tokens within jwtgate.revocation.refresh-interval. The account",
                "can log in again; use 'users disable' to stop it.",
                "",
                "  --user NAME     the account",
                commonHelp());
    }

    @Override
    Set<String> valueOptions() {
        return Set.of("--user");
    }

    @Override
    void check(Arguments args) throws CliException {
        args.noPositional();
        if (args.one("--user").isEmpty()) {
            throw new CliException(ExitCode.USAGE, "name the account with --user NAME");
        }
    }

    @Override
    int run(Arguments args, AdminStore store, CliContext context) throws CliException {
        User user = store.user(args.one("--user").orElseThrow());
        int revoked = store.endSessionsAndCachedChecks(user);
        store.audit().record("token_revoked", user.username(), null, Map.ofEntries(AdminStore.VIA,
                Map.entry("credential", "sessions"), Map.entry("sessions_revoked", Integer.toString(revoked))));
        context.out().println(UsersEnablement.sessions(revoked) + " of " + Terminal.safe(user.username())
                + " revoked");
        return ExitCode.OK;
    }
}
