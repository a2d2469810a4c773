package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code jwtgate_users} table. Names arrive already normalised by {@link io.jwtgate.login.AccountRules}; every
 * statement is prepared, and each method holds its connection only for the statement itself.
 */
public final class UserStore {

    private static final String COLUMNS = "id, username, email, password_hash, roles, enabled";

    private final Database db;
    private final Clock clock;

    public UserStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Exact: MariaDB's {@code utf8mb4_bin} is a PAD SPACE collation ({@code 'alice   '} equals
     * {@code alice}), so the row's name is compared again here, the same on every engine.
     */
    public Optional<User> findByUsername(String username) {
        return findOne("SELECT " + COLUMNS + " FROM jwtgate_users WHERE username = ?", username)
                .filter(u -> u.username().equals(username));
    }

    /** Exact on the lower-cased address, like {@link #findByUsername}. */
    public Optional<User> findByEmail(String email) {
        String lower = email.toLowerCase(Locale.ROOT);
        return findOne("SELECT " + COLUMNS + " FROM jwtgate_users WHERE email = ?", lower)
                .filter(u -> lower.equals(u.email()));
    }

    public Optional<User> findById(String id) {
        return findOne("SELECT " + COLUMNS + " FROM jwtgate_users WHERE id = ?", id);
    }

    /**
     * Inserts a user with an already computed bcrypt hash.
     *
     * @param email null for none
     * @throws DuplicateUserException when the username or email is taken
     */
    public User create(String username, String email, String passwordHash, Set<String> roles) {
        String id = UUID.randomUUID().toString();
        String normalizedEmail = email == null ? null : email.toLowerCase(Locale.ROOT);
        long now = clock.millis();
        if (findByUsername(username).isPresent() || (normalizedEmail != null && findByEmail(normalizedEmail).isPresent())) {
            throw new DuplicateUserException("the username or email is taken");
        }
        try (Connection c = db.connection();
                PreparedStatement p = c.prepareStatement("INSERT INTO jwtgate_users"
                        + " (id, username, email, password_hash, roles, enabled, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, username);
            p.setString(3, normalizedEmail);
            p.setString(4, passwordHash);
            p.setString(5, String.join(" ", roles));
            p.setBoolean(6, true);
            p.setLong(7, now);
            p.setLong(8, now);
            p.executeUpdate();
        } catch (SQLException e) {
            // A concurrent insert of the same name loses on the unique constraint (SQLState 23xxx).
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new DuplicateUserException("the username or email is taken");
            }
            throw SqlErrors.translate("creating a user", e);
        }
        return new User(id, username, normalizedEmail, passwordHash, roles, true);
    }

    /** Replaces a user's password hash. */
    public void updatePassword(String id, String passwordHash) {
        Sql.update(db, "changing a password", "UPDATE jwtgate_users SET password_hash = ?, updated_at = ? WHERE id = ?",
                passwordHash, clock.millis(), id);
    }

    /**
     * Replaces a password hash by an equivalent one (same password, another cost) if it is still
     * {@code oldHash}; a concurrent password change wins. Not a credentials change, so
     * {@code updated_at} stays as it was.
     *
     * @return whether the row was updated
     */
    public boolean upgradePasswordHash(String id, String oldHash, String newHash) {
        return Sql.update(db, "upgrading a password hash",
                "UPDATE jwtgate_users SET password_hash = ? WHERE id = ? AND password_hash = ?", newHash, id, oldHash) == 1;
    }

    /** Whether no account exists at all (a fresh store), e.g. for seeding demo users only then. */
    public boolean isEmpty() {
        try (Connection c = db.connection();
                PreparedStatement p = c.prepareStatement("SELECT id FROM jwtgate_users")) {
            p.setMaxRows(1);
            try (ResultSet rs = p.executeQuery()) {
                return !rs.next();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("counting users", e);
        }
    }

    private Optional<User> findOne(String sql, String value) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, value);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Set<String> roles = new LinkedHashSet<>();
                for (String role : rs.getString(5).split(" ")) {
                    if (!role.isEmpty()) {
                        roles.add(role);
                    }
                }
                return Optional.of(new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        roles, rs.getBoolean(6)));
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading a user", e);
        }
    }
}
