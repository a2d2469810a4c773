package io.jwtgate.login;

import io.jwtgate.store.StoreException;
import io.jwtgate.store.StoreUnavailableException;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Finds a user by name or email and checks the password, taking the same time whether or not the
 * user exists. The store connection is released before bcrypt runs.
 */
public final class CredentialChecker {

    private static final Logger LOG = System.getLogger(CredentialChecker.class.getName());

    private final UserStore users;
    private final PasswordHasher hasher;
    private final LegacyAccounts legacy;

    public CredentialChecker(UserStore users, PasswordHasher hasher) {
        this(users, hasher, LegacyAccounts.NONE);
    }

    /** @param legacy accounts of an existing realm, adopted at their first successful login */
    public CredentialChecker(UserStore users, PasswordHasher hasher, LegacyAccounts legacy) {
        this.users = users;
        this.hasher = hasher;
        this.legacy = legacy;
    }

    /**
     * @param byEmail whether {@code name} is an email address
     * @throws LoginFailedException for an unknown name, a wrong password or a disabled account
     */
    public User check(String name, boolean byEmail, String password) {
        String lookup = AccountRules.lookupName(name);
        return check(lookup, byEmail, find(lookup, byEmail), password);
    }

    /**
     * Checks the password of the account {@link #find} returned for {@code name}; when there is none
     * and {@code name} is a username, of the legacy account of that name, which becomes an account on
     * success. An unknown name costs the same either way (one bcrypt at the configured cost).
     *
     * @param name the name given to {@link #find}
     * @throws LoginFailedException for no account, a wrong password, a disabled account or a refused adoption
     */
    public User check(String name, boolean byEmail, Optional<User> account, String password) {
        if (account.isPresent() || byEmail || !AccountRules.mayNameAnAccount(name)
                || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > AccountRules.MAX_PASSWORD_BYTES) {
            return check(account, password);
        }
        Optional<LegacyAccounts.Adoption> adopted = legacy.adopt(name, password);
        if (adopted.isEmpty()) {
            // Unknown in both stores: the dummy check, as for any unknown name.
            return check(account, password);
        }
        if (adopted.get().created()) {
            return adopted.get().user();
        }
        // A concurrent first login created the account: jwtgate_users is the truth from now on.
        return check(Optional.of(adopted.get().user()), password);
    }

    /**
     * The account a canonical name names (an indexed look-up, cheap enough to run before the
     * lockout check); none for a name with whitespace at either end, which no account has.
     */
    public Optional<User> find(String name, boolean byEmail) {
        if (!AccountRules.mayNameAnAccount(name)) {
            return Optional.empty();
        }
        return byEmail ? users.findByEmail(name) : users.findByUsername(name);
    }

    /**
     * Checks the password of an account found by {@link #find}, with the same cost when there is none.
     *
     * @throws LoginFailedException for no account, a wrong password or a disabled account
     */
    public User check(Optional<User> user, String password) {
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > AccountRules.MAX_PASSWORD_BYTES) {
            // No stored password is this long; refuse before any hashing (the cost does not depend on the name).
            throw new LoginFailedException("password_too_long");
        }
        boolean matches = matches(user, password);
        if (user.isEmpty()) {
            throw new LoginFailedException("unknown_user");
        }
        if (!matches) {
            throw new LoginFailedException("wrong_password");
        }
        if (!user.get().enabled()) {
            throw new LoginFailedException("disabled");
        }
        upgradeHash(user.get(), password);
        return user.get();
    }

    private boolean matches(Optional<User> user, String password) {
        try {
            return hasher.matches(password, user.map(User::passwordHash).orElse(null));
        } catch (PasswordHasher.MalformedHashException e) {
            // Corrupt or foreign data, not the caller's doing: the same 401 as a wrong password,
            // and the operator learns which account (never the hash) needs a new password.
            LOG.log(Level.ERROR, "the stored password hash of user id {0} is neither bcrypt nor a legacy digest this"
                    + " server can check; the account cannot log in until its password is set again", user.get().id());
            return false;
        }
    }

    /**
     * Replaces a hash that just matched when the password is at hand: a legacy digest always (decision 324), a
     * bcrypt hash of another cost (typically made before {@code jwtgate.bcrypt.cost} was raised) on a best-effort
     * basis. Only if the hash is still the one just checked, so a concurrent password change wins.
     *
     * @throws StoreUnavailableException when a legacy digest cannot be replaced: the login does not go through
     * @throws LoginFailedException when a legacy digest changed since it was checked
     */
    private void upgradeHash(User user, String password) {
        String stored = user.passwordHash();
        if (!hasher.needsRehash(stored)) {
            return;
        }
        if (PasswordHasher.isLegacy(stored)) {
            replaceLegacyDigest(user, password);
            return;
        }
        try {
            users.upgradePasswordHash(user.id(), stored, hasher.hash(password));
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "could not store a new password hash for user id {0}; it is retried at the"
                    + " next login: {1}", user.id(), e.getMessage());
        }
    }

    /**
     * A legacy digest is weak (fast to guess, sometimes unsalted): it is used for one successful login only, and
     * that login succeeds only once bcrypt has taken its place, so the digest never works twice.
     */
    private void replaceLegacyDigest(User user, String password) {
        boolean replaced;
        try {
            replaced = users.upgradePasswordHash(user.id(), user.passwordHash(), hasher.hash(password));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException e) {
            // Not the caller's fault and maybe passing: the same 503 as a store that cannot be reached.
            throw new StoreUnavailableException("could not replace the legacy password digest of user id "
                    + user.id() + " with bcrypt", e);
        }
        if (!replaced) {
            // Someone set a new password (or another login replaced the digest) since it was read: what was checked
            // is no longer the account's credential.
            throw new LoginFailedException("credential_changed");
        }
        LOG.log(Level.INFO, "the legacy password digest of user id {0} was replaced with bcrypt", user.id());
    }
}
