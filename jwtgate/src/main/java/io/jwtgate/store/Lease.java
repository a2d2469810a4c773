package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A named lease in {@code jwtgate_leases}, so that one node at a time runs a task (the purge)
 * among nodes sharing a store. Taken by INSERT, or by an UPDATE that succeeds only on an expired
 * row or one this holder already holds: each is a single atomic statement on H2, PostgreSQL and
 * MariaDB, so two nodes cannot both win. Expiry is in database time, so nodes whose clocks differ
 * agree; a node that dies holding the lease leaves it to expire after {@code ttl}.
 */
public final class Lease {

    private final Database db;
    private final String name;
    private final String holder;
    private final long ttlMillis;

    /**
     * @param name the task, e.g. {@code purge} (at most 40 characters)
     * @param holder this node's random id (at most 64 characters)
     * @param ttl how long the lease lasts without renewal
     */
    public Lease(Database db, String name, String holder, Duration ttl) {
        this.db = db;
        this.name = name;
        this.holder = holder;
        this.ttlMillis = ttl.toMillis();
    }

    /**
     * Takes the lease if nobody holds it, it has expired, or this holder has it already.
     *
     * @return whether this holder has the lease now
     * @throws StoreException when the store fails
     */
    public boolean tryAcquire() {
        Dialect d = db.dialect();
        try (Connection c = db.connection()) {
            try (PreparedStatement p = c.prepareStatement(
                    d.sql("INSERT INTO jwtgate_leases (name, holder, expires_at) VALUES (?, ?, ${now} + ?)"))) {
                Sql.bind(p, name, holder, ttlMillis);
                p.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (!Sql.isDuplicate(e)) {
                    throw e;
                }
            }
            try (PreparedStatement p = c.prepareStatement(d.sql("UPDATE jwtgate_leases SET holder = ?,"
                    + " expires_at = ${now} + ? WHERE name = ? AND (expires_at < ${now} OR holder = ?)"))) {
                Sql.bind(p, holder, ttlMillis, name, holder);
                return p.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("taking the " + name + " lease", e);
        }
    }

    /**
     * Extends the lease by {@code ttl} from now, if this holder still has it.
     *
     * @return false when another node took it meanwhile (this one overran its lease): stop working
     */
    public boolean renew() {
        return Sql.update(db, "renewing the " + name + " lease", db.dialect().sql(
                "UPDATE jwtgate_leases SET expires_at = ${now} + ? WHERE name = ? AND holder = ?"),
                ttlMillis, name, holder) == 1;
    }

    /** Gives the lease up at once (when held), so the next node need not wait for it to expire. */
    public void release() {
        Sql.update(db, "releasing the " + name + " lease",
                "DELETE FROM jwtgate_leases WHERE name = ? AND holder = ?", name, holder);
    }
}
