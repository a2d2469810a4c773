package io.jwtgate.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Lets time pass for stored login failures and registration attempts. Their windows run in the
 * database's time (decision 530), which no injected node clock moves; a test that needs a window
 * to end moves the rows back instead, which is the same for every node.
 */
public final class FailureRows {

    private FailureRows() {
    }

    /** Every stored failure and attempt becomes {@code by} older; returns how many rows moved. */
    public static int age(Connection c, Duration by) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE jwtgate_login_failures SET failed_at = failed_at - ?")) {
            p.setLong(1, by.toMillis());
            return p.executeUpdate();
        }
    }

    /**
     * The rows of one counter become {@code by} older.
     *
     * @param scope the {@code LoginFailureStore} scope ({@code user}, {@code name}, {@code address}, {@code register})
     * @param subject a user id, name or address group
     */
    public static int age(Connection c, String scope, String subject, Duration by) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE jwtgate_login_failures SET failed_at = failed_at - ? WHERE scope = ? AND subject = ?")) {
            p.setLong(1, by.toMillis());
            p.setString(2, scope);
            p.setString(3, subject);
            return p.executeUpdate();
        }
    }
}
