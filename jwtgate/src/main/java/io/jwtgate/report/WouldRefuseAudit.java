package io.jwtgate.report;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.AuditText;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records {@code would_refuse} events without letting a flood exhaust the audit table or the log
 * (decision 250). Time is cut into clock minutes. Within a minute, each (rule, reason) pair has
 * its first {@link #PER_PAIR} refusals recorded in full, and all pairs together at most
 * {@link #OVERALL}; beyond that a refusal is only counted. When a later minute's first refusal
 * arrives, or JwtGate stops, each pair's count becomes one {@code would_refuse} event whose
 * {@code suppressed} detail holds it, so a report's totals stay exact.
 *
 * <p>Memory is bounded too: the pairs are the configured rules times the reason codes.
 */
public final class WouldRefuseAudit {

    /** The event name in the audit table. */
    public static final String EVENT = "would_refuse";
    /** Full events per (rule, reason) pair and minute. */
    public static final int PER_PAIR = 20;
    /** Full events per minute over all pairs. */
    public static final int OVERALL = 200;

    private static final System.Logger LOG = System.getLogger("io.jwtgate.JwtAuthFilter");
    private static final long MINUTE_MILLIS = 60_000L;
    private static final int LOG_PATH_MAX = 120;
    /** Methods are short tokens; a client may send any length, the log line keeps this much. */
    private static final int LOG_METHOD_MAX = 32;

    private record Pair(String rule, RefusalReason reason) {
    }

    /** A pair's suppressed count for the minute that starts at {@code minute}. */
    private record Suppressed(Pair pair, long minute, long count) {
    }

    private final AuditLog audit;
    private final Clock clock;
    private final Map<Pair, Integer> recorded = new HashMap<>();
    private final Map<Pair, Long> suppressed = new LinkedHashMap<>();
    private long minute = Long.MIN_VALUE;
    private int recordedOverall;

    public WouldRefuseAudit(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** Records or counts one would-be refusal. */
    void record(WouldRefuse refusal) {
        Pair pair = new Pair(refusal.rule(), refusal.reason());
        List<Suppressed> previous;
        boolean inFull;
        synchronized (this) {
            long now = clock.millis();
            long thisMinute = now - Math.floorMod(now, MINUTE_MILLIS);
            previous = thisMinute != minute ? drain() : List.of();
            minute = thisMinute;
            int n = recorded.getOrDefault(pair, 0);
            inFull = n < PER_PAIR && recordedOverall < OVERALL;
            if (inFull) {
                recorded.put(pair, n + 1);
                recordedOverall++;
            } else {
                suppressed.merge(pair, 1L, Long::sum);
            }
        }
        // Written outside the lock: a slow store must not queue every other refused request behind it.
        previous.forEach(this::write);
        if (inFull) {
            write(refusal);
        }
    }

    /** Writes the counts of suppressed refusals now (at stop). */
    public void flush() {
        List<Suppressed> pending;
        synchronized (this) {
            pending = drain();
        }
        pending.forEach(this::write);
    }

    /** Takes the current minute's suppressed counts and starts counting afresh. */
    private List<Suppressed> drain() {
        List<Suppressed> out = new ArrayList<>();
        suppressed.forEach((pair, count) -> out.add(new Suppressed(pair, minute, count)));
        suppressed.clear();
        recorded.clear();
        recordedOverall = 0;
        return out;
    }

    private void write(WouldRefuse r) {
        LOG.log(Level.WARNING, "report-only: would refuse {0} {1} with {2} ({3}) under rule ''{4}'' for {5}",
                AuditText.escape(r.method(), LOG_METHOD_MAX), AuditText.escape(r.path(), LOG_PATH_MAX), Integer.toString(r.status()), r.reason().code(),
                AuditText.escape(r.rule(), 400), AuditText.escape(r.address(), 64));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("rule", r.rule());
        details.put("reason", r.reason().code());
        details.put("method", r.method());
        details.put("path", r.path());
        details.put("status", Integer.toString(r.status()));
        audit.record(EVENT, r.username(), r.address(), details);
    }

    private void write(Suppressed s) {
        String since = Instant.ofEpochMilli(s.minute()).toString();
        LOG.log(Level.WARNING, "report-only: {0} more would-be refusals ({1}) under rule ''{2}'' in the minute from {3}"
                + " were counted, not logged one by one", Long.toString(s.count()), s.pair().reason().code(),
                AuditText.escape(s.pair().rule(), 400), since);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("rule", s.pair().rule());
        details.put("reason", s.pair().reason().code());
        details.put("suppressed", Long.toString(s.count()));
        details.put("minute", since);
        audit.record(EVENT, null, null, details);
    }
}
