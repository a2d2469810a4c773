package io.jwtgate.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits for PostgreSQL notifications on one connection through the driver's
 * {@code org.postgresql.PGConnection#getNotifications(int)}. JwtGate does not compile against the
 * PostgreSQL driver (it lives in the application's WEB-INF/lib or the container's lib), so the
 * interface is looked up in the class loader the connection came from and called by reflection;
 * this class is the only place that knows the driver's API.
 */
public final class PgNotifications {

    private static final String PG_CONNECTION = "org.postgresql.PGConnection";

    private final Object pgConnection;
    private final Method getNotifications;

    private PgNotifications(Object pgConnection, Method getNotifications) {
        this.pgConnection = pgConnection;
        this.getNotifications = getNotifications;
    }

    /**
     * The notification source of {@code c}.
     *
     * @throws SQLException when {@code c} is not a PostgreSQL driver connection (or a pool's
     *     wrapper of one)
     */
    public static PgNotifications of(Connection c) throws SQLException {
        for (ClassLoader loader : candidateLoaders(c)) {
            Class<?> type;
            try {
                type = Class.forName(PG_CONNECTION, false, loader);
            } catch (ClassNotFoundException e) {
                continue;
            }
            if (c.isWrapperFor(type)) {
                try {
                    return new PgNotifications(c.unwrap(type), type.getMethod("getNotifications", int.class));
                } catch (NoSuchMethodException e) {
                    throw new SQLException("the PostgreSQL driver is too old for push (needs 42.2 or later)", e);
                }
            }
        }
        throw new SQLException("not a PostgreSQL driver connection: " + c.getClass().getName());
    }

    private static List<ClassLoader> candidateLoaders(Connection c) {
        // The connection's own loader first (the driver's, or the pool wrapping it); then the web
        // application's, where a driver in WEB-INF/lib lives behind a container pool.
        List<ClassLoader> loaders = new ArrayList<>();
        for (ClassLoader l : new ClassLoader[] {c.getClass().getClassLoader(),
                Thread.currentThread().getContextClassLoader(), PgNotifications.class.getClassLoader()}) {
            if (l != null && !loaders.contains(l)) {
                loaders.add(l);
            }
        }
        return loaders;
    }

    /**
     * Waits up to {@code timeoutMillis} (more than zero) for notifications on the channels the
     * connection listens on.
     *
     * @return how many arrived (zero when the wait timed out)
     * @throws SQLException when the connection is lost
     */
    public int await(int timeoutMillis) throws SQLException {
        try {
            Object[] notes = (Object[]) getNotifications.invoke(pgConnection, timeoutMillis);
            return notes == null ? 0 : notes.length;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException("waiting for notifications failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new SQLException("the PostgreSQL driver refuses reflective access", e);
        }
    }
}
