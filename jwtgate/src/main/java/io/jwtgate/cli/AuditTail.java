package io.jwtgate.cli;

import io.jwtgate.store.AuditEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * {@code jwtgate audit tail [--since TIME|PERIOD] [--limit N]}: the latest audit events of the
 * store, oldest first, one per line. Details hold no secrets (spec §7); text is printed safe for a
 * terminal.
 */
final class AuditTail extends AdminCommand {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 10_000;

    AuditTail() {
        this(Clock.systemUTC());
    }

    AuditTail(Clock clock) {
        super(clock);
    }

    @Override
    public String name() {
        return "audit tail";
    }

    @Override
    public String summary() {
        return "print the latest audit events";
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: jwtgate [--config FILE] audit tail [--since TIME|PERIOD] [--limit N] [--context PATH]",
                "",
                "Prints the latest audit events, oldest first: time, event, user (- for none), client address",
                "(- for the command line) and details as JSON. Events of this command line carry \"via\":\"cli\".",
                "",
                "  --since TIME|PERIOD  only events at or after an instant (2026-11-29T08:00:00Z) or a period",
                "                       back from now (PT1H, P7D); default: all",
                "  --limit N            at most the N latest events, 1 to " + MAX_LIMIT + "; default " + DEFAULT_LIMIT,
                commonHelp());
    }

    @Override
    Set<String> valueOptions() {
        return Set.of("--since", "--limit");
    }

    @Override
    void check(Arguments args) throws CliException {
        args.noPositional();
        since(args);
        limit(args);
    }

    @Override
    int run(Arguments args, AdminStore store, CliContext context) throws CliException {
        for (AuditEvents.Event e : new AuditEvents(store.database()).tail(since(args), limit(args))) {
            context.out().println(e.occurredAt() + "  " + Terminal.safe(e.event()) + "  " + Terminal.safe(e.username())
                    + "  " + Terminal.safe(e.clientAddress()) + "  " + Terminal.safe(e.details()));
        }
        return ExitCode.OK;
    }

    private Instant since(Arguments args) throws CliException {
        String value = args.one("--since").orElse(null);
        if (value == null) {
            return Instant.EPOCH;
        }
        return Since.parse(value, clock().instant());
    }

    private static int limit(Arguments args) throws CliException {
        String value = args.one("--limit").orElse(null);
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Same message as out of range.
        }
        throw new CliException(ExitCode.USAGE, "--limit takes a number from 1 to " + MAX_LIMIT);
    }
}
