package io.jwtgate.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Audit events (spec §7): stored in {@code jwtgate_audit_events} and logged. Details never hold
 * secrets: callers pass reasons, ids and counts, never tokens or passwords.
 */
public final class AuditLog {

    private static final System.Logger LOG = System.getLogger("io.jwtgate.audit");

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * @param username null when none is known
     * @param address the client address, or null
     * @param details small string facts, e.g. {@code reason=wrong_password}
     */
    public void record(String event, String username, String address, Map<String, String> details) {
        ObjectNode json = StrictJson.mapper().createObjectNode();
        details.forEach(json::put);
        String text = json.toString();
        LOG.log(Level.INFO, "audit {0} user={1} address={2} {3}", event, printable(username), printable(address),
                text);
        try {
            Sql.update(db, "storing an audit event",
                    "INSERT INTO jwtgate_audit_events (id, occurred_at, event, username, client_address, details)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), clock.millis(), event, truncate(username, 400),
                    truncate(address, 64), truncate(text, 2000));
        } catch (StoreException e) {
            // The event is in the log; a store fault must not turn the request's answer into an error.
            LOG.log(Level.WARNING, "audit event {0} not stored: {1}", event, e.getMessage());
        }
    }

    /** Names come from clients: escape control characters so they cannot forge log lines. */
    private static String printable(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
