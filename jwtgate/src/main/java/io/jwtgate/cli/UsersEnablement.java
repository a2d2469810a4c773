package io.jwtgate.cli;

import io.jwtgate.store.User;
import java.time.Clock;
import java.util.Map;

/**
 * {@code jwtgate users disable NAME} and {@code jwtgate users enable NAME}. Disabling also ends the
 * account's sessions and cached Basic checks everywhere (decision 372); enabling gives back
 * nothing that was ended.
 */
final class UsersEnablement extends AdminCommand {

    private final boolean enable;

    UsersEnablement(boolean enable) {
        this(enable, Clock.systemUTC());
    }

    UsersEnablement(boolean enable, Clock clock) {
        super(clock);
        this.enable = enable;
    }

    @Override
    public String name() {
        return enable ? "users enable" : "users disable";
    }

    @Override
    public String summary() {
        return enable ? "let a disabled account log in again" : "stop an account and end its sessions";
    }

    @Override
    public String help() {
        return enable
                ? String.join("\n",
                        "Usage: jwtgate [--config FILE] users enable NAME [--context PATH]",
                        "",
                        "Lets the disabled account NAME log in again. Sessions ended by disabling stay ended.",
                        "",
                        commonHelp())
                : String.join("\n",
                        "Usage: jwtgate [--config FILE] users disable NAME [--context PATH]",
                        "",
                        "Stops the account NAME: its logins and refreshes fail at once, its sessions are revoked",
                        "(refresh and access tokens) and every node forgets its cached Basic checks of it; a running",
                        "application sees the revocations within jwtgate.revocation.refresh-interval.",
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
        boolean changed = store.users().setEnabled(user.id(), enable);
        String name = Terminal.safe(user.username());
        if (enable) {
            store.audit().record("user_enabled", user.username(), null, Map.ofEntries(AdminStore.VIA,
                    Map.entry("changed", Boolean.toString(changed))));
            context.out().println(changed ? "enabled " + name : name + " was already enabled");
            return ExitCode.OK;
        }
        // Even when it was disabled already: a session that survived an earlier fault ends now.
        int revoked = store.endSessionsAndCachedChecks(user);
        store.audit().record("user_disabled", user.username(), null, Map.ofEntries(AdminStore.VIA,
                Map.entry("changed", Boolean.toString(changed)), Map.entry("sessions_revoked", Integer.toString(revoked))));
        context.out().println((changed ? "disabled " + name : name + " was already disabled") + "; "
                + sessions(revoked) + " revoked");
        return ExitCode.OK;
    }

    static String sessions(int count) {
        return count + (count == 1 ? " session" : " sessions");
    }
}
