package io.jwtgate.cli;

import io.jwtgate.config.Settings;
import io.jwtgate.store.Database;
import io.jwtgate.store.StoreException;
import java.time.Clock;
import java.util.List;

/**
 * {@code jwtgate schema status} (the store's schema version against this jar's, changing nothing)
 * and {@code jwtgate schema migrate} (creates or upgrades the tables, as the application does at
 * start, for operators who let a deployment account without DDL rights run the application).
 */
final class SchemaCommand implements Command {

    private final boolean migrate;
    private final Clock clock;

    SchemaCommand(boolean migrate) {
        this.migrate = migrate;
        this.clock = Clock.systemUTC();
    }

    @Override
    public String name() {
        return migrate ? "schema migrate" : "schema status";
    }

    @Override
    public String summary() {
        return migrate ? "create or upgrade JwtGate's tables" : "show the store's schema version (changes nothing)";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate [--config FILE] " + name() + " [--context PATH]",
                "",
                migrate ? "Creates or upgrades the jwtgate_* tables to this jar's schema version, as the application"
                        : "Prints the schema version the store holds and the one this jar knows, and whether",
                migrate ? "does at start; each step runs once even with several nodes starting together."
                        : "'schema migrate' has steps to run. Opens the store without changing it.",
                "",
                AdminCommand.commonHelp());
    }

    @Override
    public int run(List<String> args, CliContext context) throws CliException {
        Arguments parsed = Arguments.parse(name(), args, java.util.Set.of("--context"));
        parsed.noPositional();
        Settings settings = context.settings(CliContext.contextPath(parsed.one("--context").orElse("/")));
        int latest = Database.latestSchemaVersion();
        try (Database db = context.openStoreWithoutMigrating(settings)) {
            int before = db.schemaVersion();
            if (!migrate) {
                context.out().println(status(before, latest));
                return ExitCode.OK;
            }
            if (before < latest) {
                db.migrateSchema(clock);
                context.out().println("schema migrated from version " + before + " to " + db.schemaVersion());
            } else {
                context.out().println(status(before, latest));
            }
            return ExitCode.OK;
        } catch (StoreException e) {
            throw new CliException(ExitCode.INPUT, "the store failed: " + e.getMessage());
        }
    }

    private static String status(int version, int latest) {
        if (version == latest) {
            return "schema version " + version + ": up to date";
        }
        if (version > latest) {
            return "schema version " + version + ": newer than this jar's " + latest
                    + " (an application of a later version upgraded it); use that version's command line";
        }
        return "schema version " + version + " of " + latest + ": " + (latest - version) + " step"
                + (latest - version == 1 ? "" : "s") + " to run ('jwtgate schema migrate', or the application's start)";
    }
}
