package io.jwtgate.legacy;

import io.jwtgate.config.ConfigurationException;
import io.jwtgate.config.Keys;
import io.jwtgate.config.LegacyTable;
import io.jwtgate.store.Database;
import io.jwtgate.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An existing realm's users and roles tables ({@code jwtgate.legacy.*}), laid out as Tomcat's
 * {@code DataSourceRealm} reads them, in the same database as {@code jwtgate_users}. Only ever read:
 * every statement here is a prepared {@code SELECT}. The identifiers come from {@link LegacyTable},
 * which admits plain SQL identifiers only, so they can be written into the statements.
 */
public final class LegacyRealm {

    private final Database db;
    private final LegacyTable table;
    private final String credentialSql;
    private final String rolesSql;
    private final String allNamesSql;
    /** Whether a name column is {@code CHAR(n)}: PostgreSQL hands its values back padded with spaces. */
    private volatile boolean usersNamePadded;
    private volatile boolean rolesNamePadded;
    private volatile boolean roleValuePadded;

    public LegacyRealm(Database db, LegacyTable table) {
        this.db = db;
        this.table = table;
        this.credentialSql = "SELECT " + table.userColumn() + ", " + table.credentialColumn() + " FROM "
                + table.usersTable() + " WHERE " + table.userColumn() + " = ?";
        this.allNamesSql = "SELECT " + table.userColumn() + " FROM " + table.usersTable();
        this.rolesSql = table.rolesTable() == null ? null : "SELECT " + table.userColumn() + ", " + table.roleColumn()
                + " FROM " + table.rolesTable() + " WHERE " + table.userColumn() + " = ?";
    }

    /** The configured table names, for messages. */
    public LegacyTable table() {
        return table;
    }

    /**
     * The credentials of the rows whose name is exactly {@code name}. The database compares first
     * (using its index), then each row's name is compared again here: MariaDB's default collations
     * ignore case and trailing spaces, and {@code ALICE} must not read {@code alice}'s row.
     *
     * @return usually none or one; more when the table has no unique name (the caller refuses those);
     *     a SQL NULL credential is returned as null
     * @throws StoreUnavailableException when the table cannot be read (missing, altered, database down)
     */
    public List<String> credentials(String name) {
        List<String> found = new ArrayList<>();
        for (String[] row : rows(credentialSql, name, usersNamePadded, "reading " + Keys.LEGACY_USERS_TABLE)) {
            // Trimmed as Tomcat's DataSourceRealm trims it: a CHAR(n) column pads it, and a padded hex
            // digest must neither lock its user out nor pass for a plain-text password (decision 318).
            found.add(row[1] == null ? null : row[1].trim());
        }
        return found;
    }

    /**
     * Whether a row's name has the look-alike key {@code key} ({@link io.jwtgate.login.UsernameKey}): case
     * variants, confusable letters ({@code rn} for {@code m}, {@code 0} for {@code o}) and compatibility
     * forms of a realm name all count. A scan of every name, for the rare self-registration (throttled per
     * address), never for a login (decision 315).
     *
     * @param keyOf the look-alike key of a name
     * @throws StoreUnavailableException when the table cannot be read
     */
    public boolean holdsLookAlike(String key, UnaryOperator<String> keyOf) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(allNamesSql)) {
            p.setFetchSize(1000);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String rowName = unpad(rs.getString(1), usersNamePadded);
                    if (rowName != null && key.equals(keyOf.apply(rowName))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw unavailable("reading " + Keys.LEGACY_USERS_TABLE, e);
        }
    }

    /**
     * The role names of the rows of the roles table whose name is exactly {@code name}, in table order
     * without repetitions; none without a roles table. SQL NULLs are left out.
     *
     * @throws StoreUnavailableException when the table cannot be read
     */
    public Set<String> roles(String name) {
        Set<String> roles = new LinkedHashSet<>();
        if (rolesSql == null) {
            return roles;
        }
        for (String[] row : rows(rolesSql, name, rolesNamePadded, "reading " + Keys.LEGACY_ROLES_TABLE)) {
            String role = unpad(row[1], roleValuePadded);
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    private List<String[]> rows(String sql, String name, boolean padded, String action) {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String rowName = unpad(rs.getString(1), padded);
                    if (name.equals(rowName)) {
                        rows.add(new String[] {rowName, rs.getString(2)});
                    }
                }
            }
        } catch (SQLException e) {
            throw unavailable(action, e);
        }
        return rows;
    }

    /**
     * Whether the configured tables and columns can be read, checked once at start: a typo in a key
     * fails the start naming that key, instead of turning every first login into a 503.
     *
     * @throws ConfigurationException naming the first key whose table or column cannot be read
     * @throws StoreUnavailableException when the database cannot be reached at all
     */
    public void verify() {
        if (isOwnTable(table.usersTable()) || (table.rolesTable() != null && isOwnTable(table.rolesTable()))) {
            String key = isOwnTable(table.usersTable()) ? Keys.LEGACY_USERS_TABLE : Keys.LEGACY_ROLES_TABLE;
            throw new ConfigurationException(key, "names one of JwtGate's own tables; name the existing realm's"
                    + " table (the one Tomcat's DataSourceRealm reads), or remove the key");
        }
        try (Connection c = db.connection()) {
            probe(c, "*", table.usersTable(), Keys.LEGACY_USERS_TABLE, "there is no readable table of that name"
                    + " in the database of " + Keys.JDBC_URL + " (the realm table is read in JwtGate's own database)");
            usersNamePadded = isChar(probe(c, table.userColumn(), table.usersTable(), Keys.LEGACY_USER_COLUMN,
                    "table " + table.usersTable() + " has no readable column of that name"));
            probe(c, table.credentialColumn(), table.usersTable(), Keys.LEGACY_CREDENTIAL_COLUMN,
                    "table " + table.usersTable() + " has no readable column of that name");
            if (table.rolesTable() != null) {
                probe(c, "*", table.rolesTable(), Keys.LEGACY_ROLES_TABLE, "there is no readable table of that"
                        + " name in the database of " + Keys.JDBC_URL);
                rolesNamePadded = isChar(probe(c, table.userColumn(), table.rolesTable(), Keys.LEGACY_USER_COLUMN,
                        "table " + table.rolesTable() + " has no readable column of that name (the user column"
                        + " names the user in both tables, as in Tomcat's DataSourceRealm)"));
                roleValuePadded = isChar(probe(c, table.roleColumn(), table.rolesTable(), Keys.LEGACY_ROLE_COLUMN,
                        "table " + table.rolesTable() + " has no readable column of that name"));
            }
        } catch (SQLException e) {
            throw unavailable("checking " + Keys.LEGACY_USERS_TABLE, e);
        }
    }

    /**
     * A {@code CHAR(n)} value without the spaces the database padded it with (PostgreSQL returns them;
     * Tomcat's realm, comparing in SQL, lets such users in). Only for such columns: in a {@code VARCHAR}
     * a trailing space is part of the name, and {@code "trent "} is not {@code trent} (decision 316).
     */
    private static String unpad(String value, boolean padded) {
        if (!padded || value == null) {
            return value;
        }
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(0, end);
    }

    private static boolean isOwnTable(String name) {
        String plain = name.substring(name.indexOf('.') + 1);
        return plain.toLowerCase(Locale.ROOT).startsWith("jwtgate_");
    }

    private static boolean isChar(int sqlType) {
        return sqlType == Types.CHAR || sqlType == Types.NCHAR;
    }

    /**
     * Runs a SELECT that returns no row; a failure other than a lost connection is the key's fault.
     *
     * @return the SQL type of the (first) column
     */
    private static int probe(Connection c, String column, String tableName, String key, String problem)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + column + " FROM " + tableName + " WHERE 1 = 0");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getMetaData().getColumnType(1);
        } catch (SQLException e) {
            if (connectionLost(e)) {
                throw e;
            }
            throw new ConfigurationException(key, problem + " (SQLState " + e.getSQLState() + "); correct the key,"
                    + " or grant JwtGate's database user SELECT on the table");
        }
    }

    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || (state != null && state.startsWith("08"));
    }

    /**
     * Every failure to read the realm is a 503: the table is the store of these accounts, and a
     * missing table or column after a successful start (dropped, renamed) is an operator's fault
     * that no caller can repair; a 401 would read as "wrong password" (decision 344).
     */
    private static StoreUnavailableException unavailable(String action, SQLException e) {
        String state = e.getSQLState();
        return new StoreUnavailableException(action + " failed (" + e.getClass().getSimpleName()
                + (state == null ? "" : ", SQLState " + state) + ")", e);
    }
}
