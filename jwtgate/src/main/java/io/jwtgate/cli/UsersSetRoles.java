package io.jwtgate.cli;

import io.jwtgate.login.Accounts;
import io.jwtgate.store.User;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code jwtgate users set-roles NAME --role R...}: replaces the account's roles and ends its
 * sessions, so that no token issued under the old roles outlives the change beyond the nodes'
 * revocation refresh (decision 372); the next login carries the new roles.
 */
final class UsersSetRoles extends AdminCommand {

    /** The width of {@code jwtgate_users.roles}. */
    private static final int ROLES_COLUMN = 1000;

    UsersSetRoles() {
        super(Clock.systemUTC());
    }

    @Override
    public String name() {
        return "users set-roles";
    }

    @Override
    public String summary() {
        return "replace an account's roles and end its sessions";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate [--config FILE] users set-roles NAME --role ROLE [--role ROLE...] [--context PATH]",
                "",
                "Replaces the roles of the account NAME by the given ones (at least one) and revokes its",
                "sessions and every node's cached Basic checks of it: tokens with the old roles stop working",
                "within jwtgate.revocation.refresh-interval, and the next login carries the new roles.",
                "",
                "  --role ROLE     a role of the account; repeat for several",
                commonHelp());
    }

    @Override
    Set<String> valueOptions() {
        return Set.of("--role");
    }

    @Override
    void check(Arguments args) throws CliException {
        args.onePositional("user name");
        if (args.all("--role").isEmpty()) {
            throw new CliException(ExitCode.USAGE, "give the new roles with --role ROLE (repeat for several)");
        }
    }

    @Override
    int run(Arguments args, AdminStore store, CliContext context) throws CliException {
        Set<String> roles = new LinkedHashSet<>(args.all("--role"));
        Accounts.checkRoles(roles);
        if (String.join(" ", roles).length() > ROLES_COLUMN) {
            throw new CliException(ExitCode.INPUT, "the roles take more than the " + ROLES_COLUMN
                    + " characters the store holds");
        }
        User user = store.user(args.onePositional("user name"));
        store.users().setRoles(user.id(), roles);
        int revoked = store.endSessionsAndCachedChecks(user);
        store.audit().record("roles_changed", user.username(), null, Map.ofEntries(AdminStore.VIA,
                Map.entry("roles", String.join(" ", roles)), Map.entry("sessions_revoked", Integer.toString(revoked))));
        context.out().println("roles of " + Terminal.safe(user.username()) + " are now " + String.join(" ", roles)
                + "; " + UsersEnablement.sessions(revoked) + " revoked");
        return ExitCode.OK;
    }
}
