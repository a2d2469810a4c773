package io.jwtgate.cli;

import io.jwtgate.config.Settings;
import io.jwtgate.report.WouldRefuseReport;
import io.jwtgate.store.Database;
import io.jwtgate.store.StoreException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jwtgate report would-refuse}: the report-only summary (decision 251) printed from the
 * store the application uses, found through the same configuration sources as the filter.
 */
final class ReportWouldRefuse implements Command {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(1);

    private final Clock clock;

    ReportWouldRefuse() {
        this(Clock.systemUTC());
    }

    ReportWouldRefuse(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "report would-refuse";
    }

    @Override
    public String summary() {
        return "count the requests report-only mode would have refused, by rule and reason";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate [--config FILE] report would-refuse [--since TIME|PERIOD] [--context PATH]",
                "",
                "Reads the would_refuse audit events of jwtgate.enforcement=report-only from the application's",
                "store and prints how many requests each rule would have refused, and why.",
                "",
                "  --since TIME|PERIOD  an instant (2026-11-29T08:00:00Z) or a period back from now (PT1H, P7D);",
                "                       default P1D",
                "  --context PATH       the application's context path (/shop, or / for the root), which names",
                "                       the default H2 file when jwtgate.jdbc.url is not set; default /",
                "",
                "The store settings (jwtgate.jdbc.*, jwtgate.data-dir) and the rest of the application's",
                "configuration must reach the command as they reach the filter: --config FILE, -Djwtgate.*",
                "or JWTGATE_* (context-params of a web.xml are not read). The embedded H2 file can be",
                "opened by one process at a time: run the command while the application is stopped, or",
                "query a PostgreSQL/MariaDB store while it runs.",
                "Exit codes: 0 done, 1 bad configuration or store not reachable, 2 wrong command line.");
    }

    @Override
    public int run(List<String> args, CliContext context) throws CliException {
        Arguments parsed = Arguments.parse(name(), args, Set.of("--since", "--context"));
        parsed.noPositional();
        Optional<String> sinceValue = parsed.one("--since");
        Instant since = sinceValue.isPresent() ? since(sinceValue.get()) : clock.instant().minus(DEFAULT_PERIOD);
        Optional<String> contextValue = parsed.one("--context");
        String contextPath = contextValue.isPresent() ? CliContext.contextPath(contextValue.get()) : "";
        Settings settings = context.settings(contextPath);
        try (Database db = context.openStore(settings, clock)) {
            PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(context.out(), StandardCharsets.UTF_8));
            new WouldRefuseReport(db).print(out, since);
            return ExitCode.OK;
        } catch (StoreException e) {
            // The store's own message names the fault; never a URL's password (decision 181).
            throw new CliException(ExitCode.INPUT, "cannot read the store: " + e.getMessage());
        }
    }

    private Instant since(String value) throws CliException {
        return Since.parse(value, clock.instant());
    }
}
