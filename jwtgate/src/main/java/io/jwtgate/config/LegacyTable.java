package io.jwtgate.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An existing realm's users table (and optionally its roles table) that JwtGate reads in place, set
 * as Tomcat's {@code DataSourceRealm} is: {@code jwtgate.legacy.users-table}, {@code .user-column},
 * {@code .credential-column}, {@code .roles-table}, {@code .role-column}. The user column names the
 * user in both tables, as {@code userNameCol} does in Tomcat. Every name is checked to be a plain SQL
 * identifier (optionally {@code schema.table}) when the settings are built, because identifiers
 * cannot be bound as statement parameters.
 *
 * @param rolesTable null when the realm has no roles table (accounts then get no roles)
 * @param roleColumn null exactly when {@code rolesTable} is
 */
public record LegacyTable(String usersTable, String userColumn, String credentialColumn, String rolesTable,
        String roleColumn) {

    /** Letters, digits and underscores, not starting with a digit; at most 64 characters (MariaDB's limit). */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    static Optional<LegacyTable> from(Values v) {
        String users = table(v, Keys.LEGACY_USERS_TABLE);
        String user = column(v, Keys.LEGACY_USER_COLUMN);
        String credential = column(v, Keys.LEGACY_CREDENTIAL_COLUMN);
        String roles = table(v, Keys.LEGACY_ROLES_TABLE);
        String role = column(v, Keys.LEGACY_ROLE_COLUMN);
        if (users == null) {
            for (String key : new String[] {Keys.LEGACY_USER_COLUMN, Keys.LEGACY_CREDENTIAL_COLUMN,
                    Keys.LEGACY_ROLES_TABLE, Keys.LEGACY_ROLE_COLUMN}) {
                if (v.optional(key) != null) {
                    throw v.error(key, "belongs to a legacy realm table; set " + Keys.LEGACY_USERS_TABLE
                            + " too, or remove it");
                }
            }
            return Optional.empty();
        }
        if (user == null) {
            throw new ConfigurationException(Keys.LEGACY_USER_COLUMN, "names the column of " + Keys.LEGACY_USERS_TABLE
                    + " that holds the user name (Tomcat's userNameCol); it is required with the table");
        }
        if (credential == null) {
            throw new ConfigurationException(Keys.LEGACY_CREDENTIAL_COLUMN, "names the column of "
                    + Keys.LEGACY_USERS_TABLE + " that holds the password digest (Tomcat's userCredCol); it is"
                    + " required with the table");
        }
        if ((roles == null) != (role == null)) {
            String missing = roles == null ? Keys.LEGACY_ROLES_TABLE : Keys.LEGACY_ROLE_COLUMN;
            throw new ConfigurationException(missing, "the roles table (Tomcat's userRoleTable) and its role column"
                    + " (roleNameCol) go together; set both " + Keys.LEGACY_ROLES_TABLE + " and "
                    + Keys.LEGACY_ROLE_COLUMN + ", or neither");
        }
        if (user.equalsIgnoreCase(credential)) {
            throw v.error(Keys.LEGACY_CREDENTIAL_COLUMN, "is the same column as " + Keys.LEGACY_USER_COLUMN);
        }
        return Optional.of(new LegacyTable(users, user, credential, roles, role));
    }

    private static String table(Values v, String key) {
        String value = v.optional(key);
        if (value == null) {
            return null;
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length > 2 || !IDENTIFIER.matcher(parts[0]).matches()
                || (parts.length == 2 && !IDENTIFIER.matcher(parts[1]).matches())) {
            throw v.error(key, "is not a table name JwtGate can use: write letters, digits and underscores,"
                    + " optionally as schema.table (quoted or unusual names: create a view with a plain name)");
        }
        return value;
    }

    private static String column(Values v, String key) {
        String value = v.optional(key);
        if (value != null && !IDENTIFIER.matcher(value).matches()) {
            throw v.error(key, "is not a column name JwtGate can use: write letters, digits and underscores"
                    + " (quoted or unusual names: create a view with plain column names)");
        }
        return value;
    }
}
