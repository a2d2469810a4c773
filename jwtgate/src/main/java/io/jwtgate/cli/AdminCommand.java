package io.jwtgate.cli;

import io.jwtgate.login.InvalidInputException;
import io.jwtgate.store.DuplicateUserException;
import io.jwtgate.store.StoreException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A command that works on the application's store: parses its options ({@code --context} for
 * every one), opens the store, runs, and turns the store's and the rules' refusals into one clear
 * line and exit 1.
 */
abstract class AdminCommand implements Command {

    private final Clock clock;

    AdminCommand(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** The options this command takes a value for, besides {@code --context}. */
    Set<String> valueOptions() {
        return Set.of();
    }

    /**
     * Checks the arguments before the store is opened, so a wrong command line is exit 2 even
     * without a configuration.
     */
    abstract void check(Arguments args) throws CliException;

    /** Positional words that may start with a dash (none unless a command says so). */
    Pattern dashedPositional() {
        return Arguments.NO_DASHED_POSITIONAL;
    }

    /** The command's work on an open store. */
    abstract int run(Arguments args, AdminStore store, CliContext context) throws CliException;

    @Override
    public final int run(List<String> args, CliContext context) throws CliException {
        Set<String> options = new HashSet<>(valueOptions());
        options.add("--context");
        Arguments parsed = Arguments.parse(name(), args, options, dashedPositional());
        String contextPath = CliContext.contextPath(parsed.one("--context").orElse("/"));
        check(parsed);
        try (AdminStore store = AdminStore.open(context, contextPath, clock)) {
            int code = run(parsed, store, context);
            context.out().flush();
            return code;
        } catch (InvalidInputException e) {
            throw new CliException(ExitCode.INPUT, e.field() + ": " + e.getMessage());
        } catch (DuplicateUserException e) {
            throw new CliException(ExitCode.INPUT, "the username, a name that looks like it, or the email is taken");
        } catch (StoreException e) {
            // The store's own message names the fault; never a URL's password (decision 181).
            throw new CliException(ExitCode.INPUT, "the store failed: " + e.getMessage());
        }
    }

    /** The help lines every store command shares, after its own. */
    static String commonHelp() {
        return String.join("\n",
                "  --context PATH  the application's context path (/shop, or / for the root), which names",
                "                  the default H2 file when jwtgate.jdbc.url is not set; default /",
                "",
                "The store settings (jwtgate.jdbc.*, jwtgate.data-dir, jwtgate.signing.*) must reach the command",
                "as they reach the filter: --config FILE, -Djwtgate.* or JWTGATE_*. The embedded H2 file can be",
                "opened by one process at a time: stop the application first, or use PostgreSQL/MariaDB.",
                "Exit codes: 0 done, 1 bad input or configuration, no such user, or store not reachable,",
                "2 wrong command line.");
    }
}
