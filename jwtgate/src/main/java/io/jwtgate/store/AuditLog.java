package io.jwtgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Audit events (spec §7): stored in {@code jwtgate_audit_events} and logged under
 * {@code io.jwtgate.audit} as one JSON object per line,
 * {@code audit {"event":…,"user":…,"address":…,"details":{…}}}. Details never hold secrets:
 * callers pass reasons, ids and counts, never tokens or passwords.
 *
 * <p>Usernames come from unauthenticated clients, so every string is escaped by {@link AuditText}
 * once, before it is stored and before it is logged: the row and the log line hold the same text,
 * and neither holds a control, bidirectional or invisible character. The log line is written by
 * Jackson, so no value can close its quotes and fake a field.
 */
public final class AuditLog {

    private static final System.Logger LOG = System.getLogger("io.jwtgate.audit");

    /** Column sizes of {@code jwtgate_audit_events}. */
    private static final int EVENT_MAX = 40;
    private static final int USERNAME_MAX = 400;
    private static final int ADDRESS_MAX = 64;
    private static final int DETAILS_MAX = 2000;
    /** Per detail key and value: keeps the stored details a whole JSON object within its column. */
    private static final int DETAIL_KEY_MAX = 40;
    private static final int DETAIL_VALUE_MAX = 256;

    /** Walks the {@code jwtgate_audit_time} index. */
    private static final AgePurge PURGE = new AgePurge("jwtgate_audit_events", "occurred_at", "purging audit events");

    private final Database db;
    private final Clock clock;
    private final Consumer<String> onEvent;

    public AuditLog(Database db, Clock clock) {
        this(db, clock, event -> { });
    }

    /**
     * @param onEvent told the name of every event recorded (metrics count the audit stream), before it is stored
     */
    public AuditLog(Database db, Clock clock, Consumer<String> onEvent) {
        this.db = db;
        this.clock = clock;
        this.onEvent = onEvent;
    }

    /**
     * @param username null when none is known
     * @param address the client address, or null
     * @param details small string facts, e.g. {@code reason=wrong_password}
     */
    public void record(String event, String username, String address, Map<String, String> details) {
        onEvent.accept(event);
        String safeEvent = AuditText.escape(event, EVENT_MAX);
        String safeUser = AuditText.escape(username, USERNAME_MAX);
        String safeAddress = AuditText.escape(address, ADDRESS_MAX);
        ObjectNode facts = StrictJson.mapper().createObjectNode();
        details.forEach((k, v) -> facts.put(AuditText.escape(k, DETAIL_KEY_MAX), AuditText.escape(v, DETAIL_VALUE_MAX)));
        String stored = json(facts);
        if (stored.length() > DETAILS_MAX) {
            // Only a caller passing many facts gets here; a cut JSON object would be unreadable.
            stored = json(StrictJson.mapper().createObjectNode().put("details_truncated", "true"));
        }
        ObjectNode line = StrictJson.mapper().createObjectNode();
        line.put("event", safeEvent);
        line.put("user", safeUser);
        line.put("address", safeAddress);
        line.set("details", facts);
        LOG.log(Level.INFO, "audit {0}", json(line));
        try {
            Sql.update(db, "storing an audit event",
                    "INSERT INTO jwtgate_audit_events (id, occurred_at, event, username, client_address, details)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), clock.millis(), safeEvent, safeUser, safeAddress, stored);
        } catch (StoreException e) {
            // The event is in the log; a store fault must not turn the request's answer into an error.
            LOG.log(Level.WARNING, "audit event {0} not stored: {1}", safeEvent, e.getMessage());
        }
    }

    /**
     * Deletes events that occurred at or before {@code cutoff} (the retention, {@code jwtgate.audit.retention},
     * is over for them), oldest first, in {@code batches}.
     *
     * @return the number of events deleted by this run
     * @throws StoreException when the store fails
     */
    public long purgeOlderThan(long cutoff, PurgeBatches batches) {
        return PURGE.deleteUpTo(db, cutoff, batches);
    }

    private static String json(ObjectNode node) {
        try {
            return StrictJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
