package io.jwtgate.store;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SQL differences between the supported databases, kept to DDL details. */
public enum Dialect {
    H2("", "", "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)"),
    POSTGRESQL("", "", "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)"),
    MARIADB(" COLLATE utf8mb4_bin", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
            "CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED)");

    private final String binaryCollation;
    private final String tableOptions;
    private final String nowMillis;

    Dialect(String binaryCollation, String tableOptions, String nowMillis) {
        this.binaryCollation = binaryCollation;
        this.tableOptions = tableOptions;
        this.nowMillis = nowMillis;
    }

    /**
     * Fills the {@code ${now}} placeholder of portable DML with the database's own time in epoch
     * milliseconds, for values every node must order the same way whatever its own clock says.
     */
    String sql(String portable) {
        return portable.replace("${now}", nowMillis);
    }

    /**
     * Fills the {@code ${bin}} and {@code ${table}} placeholders of portable DDL, and
     * {@code ${retype:COLUMN:DEFINITION}}, which changes a column's type keeping its definition: H2 and
     * PostgreSQL keep {@code NOT NULL} across {@code SET DATA TYPE}, MariaDB needs the whole definition again.
     */
    String ddl(String portable) {
        Matcher retype = RETYPE.matcher(portable);
        StringBuilder out = new StringBuilder();
        while (retype.find()) {
            String definition = retype.group(2);
            String replacement = this == MARIADB
                    ? "MODIFY COLUMN " + retype.group(1) + " " + definition
                    : "ALTER COLUMN " + retype.group(1) + " SET DATA TYPE " + definition.replace(" NOT NULL", "");
            retype.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        retype.appendTail(out);
        return out.toString().replace("${bin}", binaryCollation).replace("${table}", tableOptions);
    }

    private static final Pattern RETYPE = Pattern.compile("\\$\\{retype:([a-z_]+):([^}]+)}");

    /** Recognises the database from {@code DatabaseMetaData.getDatabaseProductName()}. */
    static Dialect of(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return H2;
        }
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("unsupported database '" + productName + "'");
    }
}
