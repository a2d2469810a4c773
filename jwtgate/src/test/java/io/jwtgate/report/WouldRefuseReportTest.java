package io.jwtgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.TestSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The would-refuse summary over a real store: the class's rows and table on H2, PostgreSQL and
 * MariaDB, and the SQL that {@code docs/configuration.md} gives operators on the two servers, all
 * counting the refusals the flood bound only counted.
 */
class WouldRefuseReportTest {

    static final String RULE_A = "/** -> authenticated";
    static final String RULE_B = "GET /b/** -> role:admin";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

    private static WouldRefuse refusal(String rule, RefusalReason reason, String path) {
        return new WouldRefuse(rule, reason, "GET", path, 401, "203.0.113.9", null);
    }

    /**
     * One refusal before {@code since}, then 3 (A, no_credentials), {@code PER_PAIR + 5} (B, forbidden)
     * and 1 refused path, and the flush at stop.
     *
     * @return since
     */
    private Instant feed(Database db) {
        WouldRefuseAudit audit = new WouldRefuseAudit(new AuditLog(db, clock), clock);
        audit.record(refusal(RULE_A, RefusalReason.NO_CREDENTIALS, "/old"));
        clock.advance(Duration.ofMinutes(2));
        Instant since = clock.instant();
        for (int i = 0; i < 3; i++) {
            audit.record(refusal(RULE_A, RefusalReason.NO_CREDENTIALS, "/a/" + i));
        }
        for (int i = 0; i < WouldRefuseAudit.PER_PAIR + 5; i++) {
            audit.record(refusal(RULE_B, RefusalReason.FORBIDDEN, "/b/" + i));
        }
        audit.record(refusal(WouldRefuse.NO_RULE, RefusalReason.PATH_REFUSED, "/x;"));
        audit.flush();
        return since;
    }

    private static final List<WouldRefuseReport.Row> EXPECTED_COUNTS = List.of(
            new WouldRefuseReport.Row(RULE_B, "forbidden", WouldRefuseAudit.PER_PAIR + 5, null, null),
            new WouldRefuseReport.Row(RULE_A, "no_credentials", 3, null, null),
            new WouldRefuseReport.Row(WouldRefuse.NO_RULE, "path_refused", 1, null, null));

    private static List<WouldRefuseReport.Row> withoutTimes(List<WouldRefuseReport.Row> rows) {
        return rows.stream().map(r -> new WouldRefuseReport.Row(r.rule(), r.reason(), r.count(), null, null)).toList();
    }

    private void assertReportCountsEveryRefusalSince(Database db) {
        Instant since = feed(db);
        WouldRefuseReport report = new WouldRefuseReport(db);

        assertEquals(EXPECTED_COUNTS, withoutTimes(report.rows(since)));
        // From before the first refusal, the earlier one joins its (rule, reason) row.
        assertEquals(4, report.rows(since.minus(Duration.ofMinutes(5))).stream()
                .filter(r -> r.rule().equals(RULE_A)).findFirst().orElseThrow().count());
    }

    @Test
    void reportCountsRefusalsByRuleAndReasonOnH2() {
        try (Database db = Database.open(TestSettings.settings(TestSettings.params(dir)), clock)) {
            assertReportCountsEveryRefusalSince(db);
        }
    }

    @Test
    void reportPrintsAPlainTableLargestCountFirstWithATotal() {
        try (Database db = Database.open(TestSettings.settings(TestSettings.params(dir)), clock)) {
            Instant since = feed(db);
            StringWriter text = new StringWriter();

            new WouldRefuseReport(db).print(new PrintWriter(text), since);

            List<String> lines = text.toString().lines().toList();
            assertEquals("Requests JwtGate would have refused since 2026-11-29T08:02:00Z"
                    + " (jwtgate.enforcement=report-only)", lines.get(0));
            assertEquals("COUNT  REASON          RULE", lines.get(1).stripTrailing());
            assertEquals("   25  forbidden       " + RULE_B, lines.get(2));
            assertEquals("    3  no_credentials  " + RULE_A, lines.get(3));
            assertEquals("    1  path_refused    (none)", lines.get(4));
            assertEquals("   29  total", lines.get(5).stripTrailing());
            assertEquals(6, lines.size(), text.toString());
        }
    }

    @Test
    void reportOfAQuietPeriodSaysNone() {
        try (Database db = Database.open(TestSettings.settings(TestSettings.params(dir)), clock)) {
            StringWriter text = new StringWriter();

            new WouldRefuseReport(db).print(new PrintWriter(text), clock.instant());

            assertEquals(List.of("Requests JwtGate would have refused since 2026-11-29T08:00:00Z"
                    + " (jwtgate.enforcement=report-only)", "none"), text.toString().lines().toList());
        }
    }

    @Test
    void floodOverManyRulesIsCappedOverallPerMinuteAndStillCountedExactly() {
        try (Database db = Database.open(TestSettings.settings(TestSettings.params(dir)), clock)) {
            WouldRefuseAudit audit = new WouldRefuseAudit(new AuditLog(db, clock), clock);
            Instant since = clock.instant();
            int rules = WouldRefuseAudit.OVERALL / WouldRefuseAudit.PER_PAIR + 2;
            for (int r = 0; r < rules; r++) {
                for (int i = 0; i < WouldRefuseAudit.PER_PAIR; i++) {
                    audit.record(refusal("/r" + r + "/** -> role:admin", RefusalReason.FORBIDDEN, "/r" + r));
                }
            }
            Map<String, Long> stored = new LinkedHashMap<>();
            new io.jwtgate.store.AuditEvents(db).forEach(WouldRefuseAudit.EVENT, since,
                    (at, user, address, details) -> stored.merge("rows", 1L, Long::sum));
            assertEquals(WouldRefuseAudit.OVERALL, stored.get("rows"), "at most OVERALL full events a minute");

            clock.advance(Duration.ofMinutes(1));
            audit.flush();

            long total = new WouldRefuseReport(db).rows(since).stream().mapToLong(WouldRefuseReport.Row::count).sum();
            assertEquals((long) rules * WouldRefuseAudit.PER_PAIR, total);
        }
    }

    @Test
    void longPathsAreCutWithoutSplittingASurrogatePair() {
        String path = "/" + "a".repeat(WouldRefuse.PATH_MAX - 2) + "\uD83D\uDE00tail";

        String cut = WouldRefuse.boundedPath(path);

        assertEquals(WouldRefuse.PATH_MAX - 1, cut.length());
        assertTrue(Character.isLetter(cut.charAt(cut.length() - 1)));
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void reportAndDocumentedSqlCountRefusalsByRuleAndReasonOnRealServers(RealDatabase server) throws Exception {
        try (RealDatabase.Schema schema = server.create()) {
            Map<String, String> p = TestSettings.params(dir);
            p.put("jwtgate.jdbc.url", schema.url());
            p.put("jwtgate.jdbc.username", schema.user());
            try (Database db = Database.open(TestSettings.settings(p), clock)) {
                assertReportCountsEveryRefusalSince(db);
                Instant since = Instant.parse("2026-11-29T08:02:00Z");
                String sql = server == RealDatabase.POSTGRESQL ? WouldRefuseReport.POSTGRESQL_QUERY
                        : WouldRefuseReport.MARIADB_QUERY;
                List<WouldRefuseReport.Row> bySql = new java.util.ArrayList<>();
                try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, since.toEpochMilli());
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            bySql.add(new WouldRefuseReport.Row(rs.getString("rule"), rs.getString("reason"),
                                    rs.getLong("refusals"), null, null));
                        }
                    }
                }
                assertEquals(EXPECTED_COUNTS, bySql, "the documented " + server + " query");
            }
        }
    }
}
