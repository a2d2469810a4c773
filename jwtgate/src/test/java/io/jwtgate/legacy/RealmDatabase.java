package io.jwtgate.legacy;

import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Secrets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.catalina.realm.MessageDigestCredentialHandler;

/**
 * One database holding JwtGate's tables and, beside them, a Tomcat {@code DataSourceRealm} layout as
 * Tomcat's realm documentation creates it: {@code users(user_name, user_pass)} and
 * {@code user_roles(user_name, role_name)}. Credentials are made by Tomcat's own
 * {@link MessageDigestCredentialHandler} (SHA-256, salted, as {@code jwtgate.legacy.digest=SHA-256} reads them).
 */
final class RealmDatabase implements AutoCloseable {

    /** Where the realm lives. */
    enum Engine {
        H2, POSTGRESQL, MARIADB
    }

    private final Engine engine;
    private final String url;
    private final String user;
    private final RealDatabase.Schema schema;

    private RealmDatabase(Engine engine, String url, String user, RealDatabase.Schema schema) {
        this.engine = engine;
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    /** A fresh database with the realm tables, empty. */
    static RealmDatabase create(Engine engine, Path dir) throws SQLException {
        RealmDatabase db;
        switch (engine) {
            case POSTGRESQL -> {
                RealDatabase.Schema s = RealDatabase.POSTGRESQL.create();
                db = new RealmDatabase(engine, s.url(), s.user(), s);
            }
            case MARIADB -> {
                RealDatabase.Schema s = RealDatabase.MARIADB.create();
                db = new RealmDatabase(engine, s.url(), s.user(), s);
            }
            default -> db = new RealmDatabase(engine, "jdbc:h2:file:" + dir.toAbsolutePath().resolve("realm")
                    + ";DB_CLOSE_ON_EXIT=FALSE", "", null);
        }
        db.execute("CREATE TABLE users (user_name VARCHAR(15) NOT NULL PRIMARY KEY,"
                + " user_pass VARCHAR(255) NOT NULL)");
        db.execute("CREATE TABLE user_roles (user_name VARCHAR(15) NOT NULL, role_name VARCHAR(15) NOT NULL,"
                + " PRIMARY KEY (user_name, role_name))");
        return db;
    }

    Engine engine() {
        return engine;
    }

    /** The JwtGate keys of this store and its realm tables (the store is the realm's database). */
    void configure(Map<String, String> params) {
        params.put("jwtgate.jdbc.url", url);
        if (!user.isEmpty()) {
            params.put("jwtgate.jdbc.username", user);
        }
        params.put("jwtgate.legacy.users-table", "users");
        params.put("jwtgate.legacy.user-column", "user_name");
        params.put("jwtgate.legacy.credential-column", "user_pass");
        params.put("jwtgate.legacy.roles-table", "user_roles");
        params.put("jwtgate.legacy.role-column", "role_name");
        params.put("jwtgate.legacy.digest", "SHA-256");
    }

    /** Tomcat's salted SHA-256 of {@code password} ({@code salt$iterations$digest}). */
    static String tomcatDigest(String password) {
        MessageDigestCredentialHandler handler = new MessageDigestCredentialHandler();
        try {
            handler.setAlgorithm("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        handler.setSaltLength(16);
        handler.setIterations(7);
        String digest = handler.mutate(password);
        Secrets.remember(digest);
        return digest;
    }

    /** A realm user with a Tomcat digest of {@code password} and these roles. */
    void addUser(String name, String password, String... roles) throws SQLException {
        addRow(name, tomcatDigest(password), roles);
    }

    /** A realm user whose credential column holds {@code credential} as it is. */
    void addRow(String name, String credential, String... roles) throws SQLException {
        update("INSERT INTO users (user_name, user_pass) VALUES (?, ?)", name, credential);
        for (String role : roles) {
            update("INSERT INTO user_roles (user_name, role_name) VALUES (?, ?)", name, role);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    int update(String sql, Object... values) throws SQLException {
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            return p.executeUpdate();
        }
    }

    /** Every row of a query, each as its columns' text joined by {@code |}, in the order the query says. */
    List<String> rows(String sql, Object... values) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i == 1 ? "" : "|").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    /** Both realm tables, to compare before and after: the realm is only ever read. */
    Map<String, List<String>> realmSnapshot() throws SQLException {
        Map<String, List<String>> snapshot = new TreeMap<>();
        snapshot.put("users", rows("SELECT user_name, user_pass FROM users ORDER BY user_name"));
        snapshot.put("user_roles", rows("SELECT user_name, role_name FROM user_roles ORDER BY user_name, role_name"));
        return snapshot;
    }

    /** {@code username|password_hash|roles|enabled} of the JwtGate accounts named {@code name}. */
    List<String> accounts(String name) throws SQLException {
        return rows("SELECT username, password_hash, roles, enabled FROM jwtgate_users WHERE username = ?", name);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    @Override
    public void close() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }
}
