package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.TestSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database's now ({@code ${now}}, {@link Database#currentTimeMillis()}) is the instant in epoch
 * milliseconds whatever time zone the session runs in (observation O4, decision 566): every node
 * and every purge cut-off read it alike, and MariaDB's former
 * {@code UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3))} took local time back to an instant, an hour off in
 * the repeated hour of a daylight-saving zone.
 */
class DatabaseNowTest {

    /** The servers run on this machine: their clock is the test's, give or take a statement. */
    private static final long TOLERANCE_MILLIS = 2_000;

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private Database open(String engine) {
        Map<String, String> p = TestSettings.params(dir);
        if (!engine.equals("h2")) {
            RealDatabase.Schema schema = RealDatabase.valueOf(engine).create();
            opened.add(schema);
            p.put("jwtgate.jdbc.url", schema.url());
            p.put("jwtgate.jdbc.username", schema.user());
        }
        Database db = Database.open(TestSettings.settings(p), Clock.systemUTC());
        opened.add(0, db);
        return db;
    }

    /** Session time-zone statements: two fixed offsets, then a zone with daylight saving time. */
    private static List<String> zones(String engine) {
        return switch (engine) {
            case "h2" -> List.of("SET TIME ZONE '+05:00'", "SET TIME ZONE '-03:00'", "SET TIME ZONE 'Europe/Berlin'");
            // POSIX names: Etc/GMT-5 is five hours ahead of UTC.
            case "POSTGRESQL" -> List.of("SET TIME ZONE 'Etc/GMT-5'", "SET TIME ZONE 'Etc/GMT+3'",
                    "SET TIME ZONE 'Europe/Berlin'");
            default -> List.of("SET time_zone = '+05:00'", "SET time_zone = '-03:00'");
        };
    }

    private static long now(Connection c, Database db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(db.dialect().sql("SELECT ${now}"));
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertAroundNow(long before, long value, long after, String context) {
        assertTrue(value >= before - TOLERANCE_MILLIS && value <= after + TOLERANCE_MILLIS,
                context + ": " + Instant.ofEpochMilli(value) + " is not between " + Instant.ofEpochMilli(before)
                        + " and " + Instant.ofEpochMilli(after));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "POSTGRESQL", "MARIADB"})
    void theDatabasesNowIsTheEpochMillisecondWhateverTheSessionTimeZone(String engine) throws Exception {
        Database db = open(engine);
        long before = System.currentTimeMillis();
        long pooled = db.currentTimeMillis();
        assertAroundNow(before, pooled, System.currentTimeMillis(), "currentTimeMillis()");
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String zone : zones(engine)) {
                s.execute(zone);
                long from = System.currentTimeMillis();
                long value = now(c, db);
                assertAroundNow(from, value, System.currentTimeMillis(), zone);
            }
        }
    }

    @Test
    void mariaDbsNowIsExactToTheMillisecondInFixedOffsetsAndAcrossASecondBoundary() throws Exception {
        // SET timestamp fixes NOW() and UTC_TIMESTAMP() alike for the session, so the check is exact.
        Database db = open("MARIADB");
        long[] instants = {1_795_983_686_733L, 1_795_983_686_999L, 1_795_983_687_000L, 1_795_983_687_001L};
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            try {
                for (String zone : List.of("+05:00", "-03:00", "+00:00")) {
                    s.execute("SET time_zone = '" + zone + "'");
                    for (long instant : instants) {
                        fixTimestamp(s, instant);
                        assertEquals(instant, now(c, db), "time_zone " + zone);
                    }
                }
            } finally {
                s.execute("SET timestamp = DEFAULT");
                s.execute("SET time_zone = DEFAULT");
            }
        }
    }

    @Test
    void mariaDbsNowIsExactInBothOccurrencesOfTheRepeatedHourWhenTheServerKnowsTheZone() throws Exception {
        Database db = open("MARIADB");
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            long zonesKnown;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mysql.time_zone_name WHERE name = 'Europe/Berlin'")) {
                rs.next();
                zonesKnown = rs.getLong(1);
            }
            // Named zones need the server's time-zone tables (mariadb-tzinfo-to-sql); without them no
            // session can be in a daylight-saving zone, and the fixed offsets above are the whole story.
            // .ci/run loads Europe/Berlin, so under CI the repeated hour is always checked.
            if (zonesKnown == 0 && "true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true but MariaDB has no Europe/Berlin zone: .ci/run loads it with"
                        + " mariadb-tzinfo-to-sql");
            }
            if (zonesKnown == 0) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mysql.time_zone_name")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "the tables are loaded but Europe/Berlin is missing");
                }
                return;
            }
            try {
                s.execute("SET time_zone = 'Europe/Berlin'");
                // 2026-10-25 02:30 local time happens twice: at 00:30 UTC (summer time) and 01:30 UTC.
                for (String at : List.of("2026-10-25T00:30:00.250Z", "2026-10-25T01:30:00.250Z")) {
                    long instant = Instant.parse(at).toEpochMilli();
                    fixTimestamp(s, instant);
                    assertEquals(instant, now(c, db), at);
                }
            } finally {
                s.execute("SET timestamp = DEFAULT");
                s.execute("SET time_zone = DEFAULT");
            }
        }
    }

    /** Fixes MariaDB's session clock at an instant (seconds with a fraction). */
    private static void fixTimestamp(Statement s, long epochMillis) throws SQLException {
        s.execute("SET timestamp = " + BigDecimal.valueOf(epochMillis, 3).toPlainString());
    }
}
