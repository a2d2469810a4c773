package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads stored audit events back, for reports. */
public final class AuditEvents {

    /** One stored event: its time and its details, a JSON object of strings. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Instant occurredAt, String username, String clientAddress, String details);
    }

    /**
     * The query behind {@link #forEach}: the (event, occurred_at) index answers it on H2,
     * PostgreSQL and MariaDB alike.
     */
    static final String SINCE = "SELECT occurred_at, username, client_address, details FROM jwtgate_audit_events"
            + " WHERE event = ? AND occurred_at >= ? ORDER BY occurred_at";

    private static final int FETCH_SIZE = 500;

    private final Database db;

    public AuditEvents(Database db) {
        this.db = db;
    }

    /**
     * Visits every stored {@code event} that occurred at or after {@code since}, oldest first,
     * streaming the rows rather than holding them.
     *
     * @throws StoreException when the store cannot be read
     */
    public void forEach(String event, Instant since, Visitor visitor) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(SINCE)) {
            p.setFetchSize(FETCH_SIZE);
            p.setString(1, event);
            p.setLong(2, since.toEpochMilli());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    visitor.visit(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading audit events", e);
        }
    }

    /** One stored event of any kind, as {@link #tail} returns it. */
    public record Event(Instant occurredAt, String event, String username, String clientAddress, String details) {
    }

    /**
     * The latest {@code limit} events of any kind at or after {@code since}, oldest first (for
     * {@code jwtgate audit tail}).
     *
     * @throws StoreException when the store cannot be read
     */
    public List<Event> tail(Instant since, int limit) {
        List<Event> newestFirst = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT occurred_at, event, username, client_address, details FROM jwtgate_audit_events"
                        + " WHERE occurred_at >= ? ORDER BY occurred_at DESC, id DESC")) {
            p.setMaxRows(limit);
            p.setLong(1, since.toEpochMilli());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next() && newestFirst.size() < limit) {
                    newestFirst.add(new Event(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading audit events", e);
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
