package io.jwtgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.TestSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwtgate report would-refuse} reads the would_refuse events from the store the
 * application at a context path uses (its default H2 file here) and prints the counts.
 */
class ReportWouldRefuseTest {

    private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Properties applicationSettings() {
        Properties p = new Properties();
        p.setProperty("jwtgate.signing.secret", TestSettings.SECRET);
        p.setProperty("jwtgate.data-dir", dir.toString());
        return p;
    }

    /** Two refusals an hour ago, then three of one rule and one of another. */
    private void seedStoreOfApplicationAtShop() {
        Settings settings = Settings.from(List.of(ConfigSource.of("test", Map.of(
                "jwtgate.signing.secret", TestSettings.SECRET, "jwtgate.data-dir", dir.toString()))), "/shop");
        try (Database db = Database.open(settings, clock)) {
            AuditLog audit = new AuditLog(db, clock);
            refusal(audit, "/** -> authenticated", "no_credentials");
            refusal(audit, "/** -> authenticated", "no_credentials");
            clock.advance(Duration.ofHours(1));
            for (int i = 0; i < 3; i++) {
                refusal(audit, "GET /admin/** -> role:admin", "forbidden");
            }
            refusal(audit, "/** -> authenticated", "invalid_token");
            audit.record("login_failure", "alice", "203.0.113.5", Map.of("reason", "bad_password"));
        }
    }

    private static void refusal(AuditLog audit, String rule, String reason) {
        audit.record("would_refuse", null, "203.0.113.5", Map.of("rule", rule, "reason", reason,
                "method", "GET", "path", "/x", "status", "401"));
    }

    private int run(ReportWouldRefuse command, String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), applicationSettings(), command);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsCountsByRuleAndReasonSinceTheGivenInstantFromTheApplicationsStore() {
        seedStoreOfApplicationAtShop();
        int code = run(new ReportWouldRefuse(clock), "report", "would-refuse", "--context", "/shop",
                "--since", START.plus(Duration.ofMinutes(30)).toString());
        assertEquals(ExitCode.OK, code, err.toString(StandardCharsets.UTF_8));
        List<String> lines = out().lines().toList();
        assertTrue(lines.get(2).matches("\\s*3\\s+forbidden\\s+GET /admin/\\*\\* -> role:admin"), out());
        assertTrue(lines.get(3).matches("\\s*1\\s+invalid_token\\s+/\\*\\* -> authenticated"), out());
        assertTrue(lines.get(4).matches("\\s*4\\s+total\\s*"), out());
        assertFalse(out().contains("no_credentials"), "refusals before --since are not counted: " + out());
        assertFalse(out().contains("login_failure"), out());
    }

    @Test
    void aPeriodCountsBackFromNowAndTheDefaultIsOneDay() {
        seedStoreOfApplicationAtShop();
        assertEquals(ExitCode.OK, run(new ReportWouldRefuse(clock), "report", "would-refuse", "--context", "/shop",
                "--since", "PT2H"));
        assertTrue(out().contains("no_credentials"), out());
        out.reset();
        clock.advance(Duration.ofHours(24));
        assertEquals(ExitCode.OK, run(new ReportWouldRefuse(clock), "report", "would-refuse", "--context", "/shop"));
        assertTrue(out().contains("forbidden") && !out().contains("no_credentials"), out());
    }

    @Test
    void badArgumentsAreUsageErrorsAndBadConfigurationAnInputError() {
        assertEquals(ExitCode.USAGE, run(new ReportWouldRefuse(clock), "report", "would-refuse", "--since", "yesterday"));
        assertEquals(ExitCode.USAGE, run(new ReportWouldRefuse(clock), "report", "would-refuse", "--context", "shop"));
        assertEquals(ExitCode.USAGE, run(new ReportWouldRefuse(clock), "report", "would-refuse", "--since", "-PT1H"));
        Properties noSecret = new Properties();
        noSecret.setProperty("jwtgate.data-dir", dir.toString());
        err.reset();
        int code = Main.run(new String[] {"report", "would-refuse"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), noSecret);
        assertEquals(ExitCode.INPUT, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("jwtgate.signing.secret"),
                err.toString(StandardCharsets.UTF_8));
    }
}
