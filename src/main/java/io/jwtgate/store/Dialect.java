package io.jwtgate.store;

import java.util.Locale;

/** The SQL differences between the supported databases, kept to DDL details. */
public enum Dialect {
    H2("", ""),
    POSTGRESQL("", ""),
    MARIADB(" COLLATE utf8mb4_bin", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");

    private final String binaryCollation;
    private final String tableOptions;

    Dialect(String binaryCollation, String tableOptions) {
        this.binaryCollation = binaryCollation;
        this.tableOptions = tableOptions;
    }

    /** Fills the {@code ${bin}} and {@code ${table}} placeholders of portable DDL. */
    String ddl(String portable) {
        return portable.replace("${bin}", binaryCollation).replace("${table}", tableOptions);
    }

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
