package io.jwtgate.legacy;

import io.jwtgate.login.AccountRules;
import io.jwtgate.login.InvalidInputException;
import io.jwtgate.login.LegacyAccounts;
import io.jwtgate.login.LoginFailedException;
import io.jwtgate.login.PasswordHasher;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.password.LegacyCredentials;
import io.jwtgate.password.UnrecognizedCredentialException;
import io.jwtgate.store.AuditText;
import io.jwtgate.store.DuplicateUserException;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.store.ValueTooLongException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The first successful login of a user of an existing realm table: the password is checked against
 * the realm's credential, then the account is created in {@code jwtgate_users} with a bcrypt hash of
 * it and the realm's roles. From then on {@code jwtgate_users} is the truth and the realm row is
 * never consulted again for that name (decision 340). The realm is only read.
 */
public final class RealmAdoption implements LegacyAccounts {

    private static final Logger LOG = System.getLogger(RealmAdoption.class.getName());
    /** The role names {@link io.jwtgate.login.Accounts#create} admits: visible ASCII, no separators. */
    private static final Pattern ROLE = Pattern.compile("[\\x21-\\x7e&&[^\"\\\\,;]]{1,64}");

    private final LegacyRealm realm;
    private final LegacyCredentials credentials;
    private final PasswordHasher hasher;
    private final UserStore users;

    public RealmAdoption(LegacyRealm realm, LegacyCredentials credentials, PasswordHasher hasher, UserStore users) {
        this.realm = realm;
        this.credentials = credentials;
        this.hasher = hasher;
        this.users = users;
    }

    @Override
    public Optional<Adoption> adopt(String name, String password) {
        List<String> found = realm.credentials(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (!matches(name, found, password)) {
            throw new LoginFailedException("wrong_password");
        }
        // The password is right; from here on every refusal is the realm's data, not the caller's guess.
        String accountName = acceptableName(name);
        Set<String> roles = roles(name);
        try {
            return Optional.of(new Adoption(users.create(accountName, null, hasher.hash(password), roles), true));
        } catch (DuplicateUserException e) {
            // Two first logins at once: the other one created it. Anything else taken (a look-alike
            // name, an email equal to the name) refuses the adoption.
            Optional<User> existing = users.findByUsername(accountName);
            if (existing.isPresent()) {
                return Optional.of(new Adoption(existing.get(), false));
            }
            LOG.log(Level.WARNING, "legacy user \"{0}\" of {1} is not adopted: its name looks like the name or"
                    + " email of an existing account (decision 341); rename one of them", quoted(name),
                    realm.table().usersTable());
            throw new LoginFailedException("legacy_name_taken");
        } catch (ValueTooLongException e) {
            LOG.log(Level.WARNING, "legacy user \"{0}\" of {1} is not adopted: the name is too long for"
                    + " jwtgate_users", quoted(name), realm.table().usersTable());
            throw new LoginFailedException("legacy_name_refused");
        }
    }

    /**
     * Whether a realm name looks like {@code name} (the look-alike key uniqueness in {@code jwtgate_users}
     * uses): registering {@code rnarta} would otherwise lock out realm user {@code marta}, whose adoption the
     * look-alike then refuses (decision 315).
     */
    @Override
    public boolean holds(String name) {
        return realm.holdsLookAlike(UsernameKey.of(name), UsernameKey::of);
    }

    /**
     * Checks the password at the cost of at least one bcrypt at the configured cost in every case, so
     * that neither the format nor an unusable row shows in the time of a refusal.
     */
    private boolean matches(String name, List<String> found, String password) {
        String unusable;
        if (found.size() > 1) {
            unusable = "has " + found.size() + " rows of that name in " + realm.table().usersTable();
        } else if (found.get(0) == null) {
            unusable = "has no credential (NULL)";
        } else {
            try {
                return hasher.matches(password, credentials.read(found.get(0), LegacyCredentials.Source.TOMCAT));
            } catch (UnrecognizedCredentialException e) {
                // The exception's message never holds the value; it names the key to set.
                unusable = "has a credential JwtGate cannot read: " + e.getMessage();
            } catch (PasswordHasher.MalformedHashException e) {
                // Read, but not checkable here; the hasher has spent the time already.
                logUnusable(name, "has a credential JwtGate cannot check");
                return false;
            }
        }
        hasher.matches(password, (String) null);
        logUnusable(name, unusable);
        return false;
    }

    private void logUnusable(String name, String unusable) {
        LOG.log(Level.ERROR, "legacy user \"{0}\" of {1} {2}; the user cannot log in until that is corrected",
                quoted(name), realm.table().usersTable(), unusable);
    }

    /**
     * The realm admitted the name, so the character set of registration does not apply; the rule for
     * names an operator creates does (visible characters, at most 100), decision 341.
     */
    private String acceptableName(String name) {
        try {
            String accepted = AccountRules.username(name);
            if (accepted.equals(name)) {
                return accepted;
            }
        } catch (InvalidInputException e) {
            // Falls through to the refusal below.
        }
        LOG.log(Level.WARNING, "legacy user \"{0}\" of {1} is not adopted: the name holds characters no JwtGate"
                + " account name may hold (only visible characters, at most 100)", quoted(name),
                realm.table().usersTable());
        throw new LoginFailedException("legacy_name_refused");
    }

    /** The realm's role names that JwtGate can hold; others are left out with a warning (decision 342). */
    private Set<String> roles(String name) {
        Set<String> roles = new LinkedHashSet<>();
        int refused = 0;
        for (String role : realm.roles(name)) {
            if (ROLE.matcher(role).matches()) {
                roles.add(role);
            } else {
                refused++;
            }
        }
        if (refused > 0) {
            LOG.log(Level.WARNING, "legacy user \"{0}\": {1} role name(s) of {2} left out (a role name is 1 to 64"
                    + " visible ASCII characters without \" \\ , ;); the account is created without them",
                    quoted(name), refused, realm.table().rolesTable());
        }
        return roles;
    }

    /** The name as a log may show it: control and invisible characters escaped. */
    private static String quoted(String name) {
        return AuditText.escape(name, 100);
    }
}
