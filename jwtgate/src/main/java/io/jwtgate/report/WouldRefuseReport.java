package io.jwtgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.MalformedJsonException;
import io.jwtgate.json.StrictJson;
import io.jwtgate.store.AuditEvents;
import io.jwtgate.store.AuditText;
import io.jwtgate.store.Database;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises the {@code would_refuse} events of report-only mode: how many requests each rule
 * would have refused, and why, since a point in time (decision 251). Counts include the refusals
 * the flood bound counted without recording them one by one (the {@code suppressed} detail).
 * The same query written in SQL for PostgreSQL and MariaDB is in {@code docs/configuration.md}.
 */
public final class WouldRefuseReport {

    /** Rule text for events whose details could not be read (cut or foreign rows). */
    static final String UNREADABLE = "(unreadable)";

    /**
     * One line of the report.
     *
     * @param rule the rule's canonical text, or {@code (none)} for refused paths
     * @param reason the reason code
     * @param count how many requests would have been refused
     * @param first the first recorded event's time
     * @param last the last recorded event's time
     */
    public record Row(String rule, String reason, long count, Instant first, Instant last) {
    }

    /**
     * The same summary in PostgreSQL's SQL, for operators who query the store directly
     * ({@code docs/configuration.md}); the parameter is the start time in epoch milliseconds.
     */
    public static final String POSTGRESQL_QUERY = "SELECT details::jsonb ->> 'rule' AS rule,"
            + " details::jsonb ->> 'reason' AS reason,"
            + " SUM(COALESCE((details::jsonb ->> 'suppressed')::bigint, 1)) AS refusals"
            + " FROM jwtgate_audit_events WHERE event = 'would_refuse' AND occurred_at >= ?"
            + " GROUP BY 1, 2 ORDER BY refusals DESC, rule, reason";

    /** {@link #POSTGRESQL_QUERY} for MariaDB (10.2.3 and later) and MySQL (8.0.21 and later). */
    public static final String MARIADB_QUERY = "SELECT JSON_VALUE(details, '$.rule') AS rule,"
            + " JSON_VALUE(details, '$.reason') AS reason,"
            + " SUM(COALESCE(CAST(JSON_VALUE(details, '$.suppressed') AS UNSIGNED), 1)) AS refusals"
            + " FROM jwtgate_audit_events WHERE event = 'would_refuse' AND occurred_at >= ?"
            + " GROUP BY 1, 2 ORDER BY refusals DESC, rule, reason";

    private final AuditEvents events;

    public WouldRefuseReport(Database db) {
        this.events = new AuditEvents(db);
    }

    /** The counts by rule and reason since {@code since}, largest first (then by rule and reason). */
    public List<Row> rows(Instant since) {
        Map<List<String>, Row> byPair = new LinkedHashMap<>();
        events.forEach(WouldRefuseAudit.EVENT, since, (at, username, address, details) -> {
            JsonNode facts = facts(details);
            String rule = text(facts, "rule");
            String reason = text(facts, "reason");
            // A summary of a flood counts its suppressed refusals; every other event is one refusal.
            long count = facts.hasNonNull("suppressed") ? parseCount(facts.get("suppressed").asText()) : 1;
            byPair.merge(List.of(rule, reason), new Row(rule, reason, count, at, at),
                    (a, b) -> new Row(a.rule(), a.reason(), a.count() + b.count(), a.first(), b.last()));
        });
        List<Row> rows = new ArrayList<>(byPair.values());
        rows.sort(Comparator.comparingLong(Row::count).reversed().thenComparing(Row::rule)
                .thenComparing(Row::reason));
        return rows;
    }

    /** Writes the rows since {@code since} as a plain-text table (count, reason, rule). */
    public void print(PrintWriter out, Instant since) {
        List<Row> rows = rows(since);
        out.println("Requests JwtGate would have refused since " + since + " (jwtgate.enforcement=report-only)");
        if (rows.isEmpty()) {
            out.println("none");
            out.flush();
            return;
        }
        int countWidth = "COUNT".length();
        int reasonWidth = "REASON".length();
        long total = 0;
        for (Row r : rows) {
            countWidth = Math.max(countWidth, Long.toString(r.count()).length());
            reasonWidth = Math.max(reasonWidth, r.reason().length());
            total += r.count();
        }
        String format = "%" + countWidth + "s  %-" + reasonWidth + "s  %s%n";
        out.printf(format, "COUNT", "REASON", "RULE");
        for (Row r : rows) {
            // Rows may have been written by other tools: nothing from the table drives the terminal (decision 389).
            out.printf(format, r.count(), AuditText.escape(r.reason(), 200), AuditText.escape(r.rule(), 2000));
        }
        out.printf(format, total, "total", "");
        out.flush();
    }

    private static JsonNode facts(String details) {
        try {
            return StrictJson.parse(details.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            return StrictJson.mapper().createObjectNode();
        }
    }

    private static String text(JsonNode facts, String field) {
        JsonNode value = facts.get(field);
        return value == null || !value.isTextual() ? UNREADABLE : value.textValue();
    }

    private static long parseCount(String text) {
        try {
            return Math.max(1, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
