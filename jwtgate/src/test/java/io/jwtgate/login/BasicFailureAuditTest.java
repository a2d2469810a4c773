package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bound on {@link BasicFailureAudit}'s memory, with real H2 and a clock moved by hand. */
class BasicFailureAuditTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String FROM = "192.0.2.40";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** The stored failures as {@code name suppressed}, oldest first. */
    private List<String> stored() throws Exception {
        List<String> rows = new ArrayList<>();
        String url = TestSettings.appStoreUrl(dir);
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement("SELECT username, details FROM jwtgate_audit_events"
                        + " WHERE event = 'login_failure' ORDER BY occurred_at, username");
                ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2).replaceAll(".*\"suppressed\":\"(\\d+)\".*", "$1"));
            }
        }
        return rows;
    }

    private Database open() {
        return Database.open(TestSettings.settings(TestSettings.params(dir)), clock);
    }

    @Test
    void whenThePairLimitIsReachedEndedWindowsAreDroppedFirst() throws Exception {
        try (Database db = open()) {
            BasicFailureAudit audit = new BasicFailureAudit(new AuditLog(db, clock), clock, WINDOW, 64, 2);
            audit.failed("a", "a", FROM, "unknown_user");
            audit.failed("a", "a", FROM, "unknown_user");
            clock.advance(WINDOW.plusSeconds(1));
            audit.failed("b", "b", FROM, "unknown_user");
            audit.failed("c", "c", FROM, "unknown_user");
            audit.failed("b", "b", FROM, "unknown_user");
            assertEquals(List.of("a 0", "b 0", "c 0"), stored(), "b, still in its window, was kept and counted");
        }
    }

    @Test
    void whenEveryPairIsWithinItsWindowAllAreForgottenAndStoreAgain() throws Exception {
        try (Database db = open()) {
            BasicFailureAudit audit = new BasicFailureAudit(new AuditLog(db, clock), clock, WINDOW, 64, 2);
            audit.failed("a", "a", FROM, "unknown_user");
            audit.failed("b", "b", FROM, "unknown_user");
            clock.advance(Duration.ofSeconds(1));
            audit.failed("c", "c", FROM, "unknown_user");
            clock.advance(Duration.ofSeconds(1));
            audit.failed("a", "a", FROM, "unknown_user");
            assertEquals(List.of("a 0", "b 0", "c 0", "a 0"), stored());
        }
    }

    @Test
    void aClockMovedBackEndsTheWindow() throws Exception {
        try (Database db = open()) {
            BasicFailureAudit audit = new BasicFailureAudit(new AuditLog(db, clock), clock, WINDOW, 64);
            audit.failed("a", "a", FROM, "wrong_password");
            audit.failed("a", "a", FROM, "wrong_password");
            clock.advance(Duration.ofHours(-1));
            audit.failed("a", "a", FROM, "wrong_password");
            assertEquals(List.of("a 1", "a 0"), stored());
        }
    }
}
