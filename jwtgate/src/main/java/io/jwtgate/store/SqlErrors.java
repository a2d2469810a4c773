package io.jwtgate.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Sorts SQL failures into "the store is unreachable" (503) and "the store failed" (500). */
final class SqlErrors {

    private SqlErrors() {
    }

    static StoreException translate(String action, SQLException e) {
        String state = e.getSQLState();
        boolean unreachable = e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException
                || (state != null && state.startsWith("08"));
        String message = action + " failed (" + e.getClass().getSimpleName()
                + (state == null ? "" : ", SQLState " + state) + ")";
        return unreachable ? new StoreUnavailableException(message, e) : new StoreException(message, e);
    }
}
