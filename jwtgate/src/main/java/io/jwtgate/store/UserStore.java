package io.jwtgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The {@code jwtgate_users} table. Names arrive already normalised by {@link io.jwtgate.login.AccountRules}; every
 * statement is prepared, and each method holds its connection only for the statement itself. Each row
 * carries the look-alike key of its name ({@code name_key}, unique), so that no two accounts with names
 * that look alike can be created, not even concurrently.
 */
public final class UserStore {

    private static final System.Logger LOG = System.getLogger(UserStore.class.getName());
    private static final String COLUMNS = "id, username, email, password_hash, roles, enabled";

    private final Database db;
    private final Clock clock;
    private final UnaryOperator<String> nameKey;

    /**
     * @param nameKey the uniqueness key of a username ({@link io.jwtgate.login.UsernameKey#of}); at most 64
     *     characters
     */
    public UserStore(Database db, Clock clock, UnaryOperator<String> nameKey) {
        this.db = db;
        this.clock = clock;
        this.nameKey = nameKey;
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

    /** The account whose name looks like {@code username} (has its key), if any. */
    public Optional<User> findLookAlike(String username) {
        return findOne("SELECT " + COLUMNS + " FROM jwtgate_users WHERE name_key = ?", nameKey.apply(username));
    }

    public Optional<User> findById(String id) {
        return findOne("SELECT " + COLUMNS + " FROM jwtgate_users WHERE id = ?", id);
    }

    /**
     * Inserts a user with an already computed bcrypt hash.
     *
     * @param email null for none
     * @throws DuplicateUserException when the username, a name that looks like it, or the email is taken, or
     *     the name is another account's email or the email another account's name
     * @throws ValueTooLongException when a column refuses a value as too long
     */
    public User create(String username, String email, String passwordHash, Set<String> roles) {
        String id = UUID.randomUUID().toString();
        String normalizedEmail = email == null ? null : email.toLowerCase(Locale.ROOT);
        String key = nameKey.apply(username);
        long now = clock.millis();
        if (findByUsername(username).isPresent() || findLookAlike(username).isPresent()
                || (normalizedEmail != null && findByEmail(normalizedEmail).isPresent())
                || nameIsAnotherAccountsEmail(username) || emailIsAnotherAccountsName(normalizedEmail)) {
            throw new DuplicateUserException("the username or email is taken");
        }
        try (Connection c = db.connection();
                PreparedStatement p = c.prepareStatement("INSERT INTO jwtgate_users"
                        + " (id, username, email, password_hash, roles, enabled, created_at, updated_at, name_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, username);
            p.setString(3, normalizedEmail);
            p.setString(4, passwordHash);
            p.setString(5, String.join(" ", roles));
            p.setBoolean(6, true);
            p.setLong(7, now);
            p.setLong(8, now);
            p.setString(9, key);
            p.executeUpdate();
        } catch (SQLException e) {
            // A concurrent insert of the same name, a look-alike or the same email loses on a unique constraint
            // (SQLState 23xxx).
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new DuplicateUserException("the username or email is taken");
            }
            if ("22001".equals(e.getSQLState())) {
                // The rules in front are meant to make this unreachable; if a column is narrower than they
                // think (an altered table), the input is still at fault, and the driver's message quotes it.
                throw new ValueTooLongException("the username or email is too long for the store");
            }
            throw SqlErrors.translate("creating a user", e);
        }
        return new User(id, username, normalizedEmail, passwordHash, roles, true);
    }

    /**
     * Whether a name shaped like an address is the email of an account (case-insensitively, as emails
     * are stored and matched): {@code admin@example.org} as a username would make
     * {@code getRemoteUser()} return the admin's identifier for someone else (decision 139).
     */
    private boolean nameIsAnotherAccountsEmail(String username) {
        return username.indexOf('@') >= 0 && findByEmail(username).isPresent();
    }

    /** Whether an email is an account's username, or looks like one (by the name's look-alike key). */
    private boolean emailIsAnotherAccountsName(String email) {
        return email != null && (findByUsername(email).isPresent() || findLookAlike(email).isPresent());
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

    /**
     * Gives every row without a key its key (rows written before the key existed), oldest first. A row whose
     * key another row holds already is a legacy collision: it keeps working (look-ups are by exact name) and
     * keeps no key, which blocks nothing the holder does not block already; one WARNING per such row and
     * start names both ids (decision 91).
     *
     * @return how many rows are legacy collisions
     */
    public int backfillNameKeys() {
        List<String[]> pending = new ArrayList<>();
        int collisions = 0;
        try (Connection c = db.connection()) {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, username FROM jwtgate_users WHERE name_key IS NULL ORDER BY created_at, id");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    pending.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] row : pending) {
                String key = nameKey.apply(row[1]);
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE jwtgate_users SET name_key = ? WHERE id = ? AND name_key IS NULL")) {
                    p.setString(1, key);
                    p.setString(2, row[0]);
                    p.executeUpdate();
                } catch (SQLException e) {
                    if (!Sql.isDuplicate(e)) {
                        throw e;
                    }
                    collisions++;
                    String holder = holderOf(c, key);
                    // Ids only: a name is the user's input and may hold anything a legacy store accepted.
                    LOG.log(Level.WARNING, "account {0} has a username that looks like the one of account {1}"
                            + " (same case-folded UTS #39 skeleton); both keep working, but new look-alikes of"
                            + " either are refused; rename or disable one of them", row[0], holder);
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("computing the look-alike keys of usernames", e);
        }
        return collisions;
    }

    private static String holderOf(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM jwtgate_users WHERE name_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(none)";
            }
        }
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

    /** Every account, by username (for {@code jwtgate users list}); hashes are the caller's to keep to itself. */
    public List<User> list() {
        List<User> all = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM jwtgate_users ORDER BY username")) {
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    all.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("listing users", e);
        }
        return all;
    }

    /**
     * Enables or disables an account (administration). A disabled account cannot log in or
     * refresh; ending its sessions is the caller's business.
     *
     * @return whether the row changed (false when it already had that state or is gone)
     */
    public boolean setEnabled(String id, boolean enabled) {
        return Sql.update(db, enabled ? "enabling a user" : "disabling a user",
                "UPDATE jwtgate_users SET enabled = ?, updated_at = ? WHERE id = ? AND enabled = ?",
                enabled, clock.millis(), id, !enabled) == 1;
    }

    /** Replaces an account's roles (administration); role names are checked by the caller. */
    public void setRoles(String id, Set<String> roles) {
        Sql.update(db, "changing a user's roles", "UPDATE jwtgate_users SET roles = ?, updated_at = ? WHERE id = ?",
                String.join(" ", roles), clock.millis(), id);
    }

    private static User row(ResultSet rs) throws SQLException {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : rs.getString(5).split(" ")) {
            if (!role.isEmpty()) {
                roles.add(role);
            }
        }
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), roles, rs.getBoolean(6));
    }
}
