package io.jwtgate.login;

import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.store.ValueTooLongException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Creating and finding accounts and setting passwords, with the validation, strength check and
 * hashing every new password needs. New names follow the same rules as at {@code /auth/register}
 * ({@link UsernamePolicy}) unless the caller overrides the character set explicitly
 * ({@link NameCheck#OVERRIDE_CHARACTER_SET}); no name may look like an existing one either way.
 */
public final class Accounts {

    /** How a new username is checked. */
    public enum NameCheck {
        /** {@code jwtgate.username.characters} after NFKC normalisation, as at registration. */
        CHARACTER_SET,
        /**
         * An operator's explicit override for a name outside the character set (an imported legacy
         * name): 1 to 100 visible characters, NFC-normalised, stored as given otherwise. The name
         * still must not look like an existing one.
         */
        OVERRIDE_CHARACTER_SET
    }

    private final UserStore users;
    private final PasswordHasher hasher;
    private final PasswordStrength strength;
    private final UsernamePolicy names;

    public Accounts(UserStore users, PasswordHasher hasher, PasswordStrength strength, UsernamePolicy names) {
        this.users = users;
        this.hasher = hasher;
        this.strength = strength;
        this.names = names;
    }

    /**
     * Creates an account under the username rules of registration ({@link NameCheck#CHARACTER_SET}).
     * The password is hashed before any connection is taken.
     *
     * @param email null for none
     * @throws InvalidInputException when a field breaks {@link UsernamePolicy} or {@link AccountRules}
     *     or the password is too easy to guess ({@code jwtgate.password.min-score})
     * @throws io.jwtgate.store.DuplicateUserException when the name, a name that looks like it, or the
     *     email is taken
     */
    public User create(String username, String email, String password, Set<String> roles) {
        return create(username, email, password, roles, NameCheck.CHARACTER_SET);
    }

    /**
     * Creates an account, checking its name as {@code check} says.
     *
     * @see #create(String, String, String, Set)
     */
    public User create(String username, String email, String password, Set<String> roles, NameCheck check) {
        String name = checkNew(username, email, password, roles, check);
        return insert(name, AccountRules.email(email), hasher.hash(password), roles);
    }

    /**
     * The checks of {@link #create(String, String, String, Set, NameCheck)} without creating anything, for a
     * caller that must refuse bad input before costlier work (a scan of a legacy realm).
     *
     * @return the username as it would be stored
     * @throws InvalidInputException as {@code create} does
     */
    public String checkNew(String username, String email, String password, Set<String> roles, NameCheck check) {
        String name = name(username, check);
        String mail = AccountRules.email(email);
        AccountRules.newPassword(password);
        strength.check(password, name, mail);
        checkRoles(roles);
        return name;
    }

    /**
     * Creates an account whose password hash already exists: a legacy digest kept for its upgrade to
     * bcrypt at the first login, or a hash of JwtGate's own (an import). Name, email and roles are
     * checked as by {@link #create}; the hash is stored as given, so the caller must have read it as a
     * form JwtGate can check ({@code io.jwtgate.password.LegacyCredentials}).
     *
     * @throws InvalidInputException when a field breaks {@link UsernamePolicy} or {@link AccountRules}
     * @throws io.jwtgate.store.DuplicateUserException when the name, a look-alike or the email is taken
     */
    public User createWithHash(String username, String email, String passwordHash, Set<String> roles,
            NameCheck check) {
        String name = name(username, check);
        String mail = AccountRules.email(email);
        checkRoles(roles);
        return insert(name, mail, passwordHash, roles);
    }

    /**
     * Creates an account for a password that exists already (a legacy store's plain text): hashed
     * with bcrypt, but not held to the rules of a new password (length from 8 bytes, strength),
     * which its owner never had to meet. It must still be one bcrypt can hold whole: 1 to 72 bytes of
     * valid Unicode, else its owner could never log in with it.
     *
     * @throws InvalidInputException when a field or the password cannot be stored
     * @throws io.jwtgate.store.DuplicateUserException when the name, a look-alike or the email is taken
     */
    public User createWithExistingPassword(String username, String email, String password, Set<String> roles,
            NameCheck check) {
        String name = name(username, check);
        String mail = AccountRules.email(email);
        checkRoles(roles);
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password", "password is empty");
        }
        if (password.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE)) {
            throw new InvalidInputException("password", "password must be valid Unicode text");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > AccountRules.MAX_PASSWORD_BYTES) {
            throw new InvalidInputException("password", "password is longer than 72 bytes in UTF-8, more than"
                    + " bcrypt can hold; give the user a new password instead");
        }
        return insert(name, mail, hasher.hash(password), roles);
    }

    private String name(String username, NameCheck check) {
        return check == NameCheck.OVERRIDE_CHARACTER_SET ? AccountRules.username(username) : names.apply(username);
    }

    /**
     * The role rule of every account: 1 to 64 visible ASCII characters, none of {@code " \ , ;}
     * (roles are stored space-separated and written into tokens).
     *
     * @throws InvalidInputException naming the field {@code roles} when a role breaks it
     */
    public static void checkRoles(Set<String> roles) {
        for (String role : roles) {
            if (!role.matches("[\\x21-\\x7e&&[^\"\\\\,;]]{1,64}")) {
                throw new InvalidInputException("roles", "role names are 1 to 64 visible ASCII characters");
            }
        }
    }

    private User insert(String name, String mail, String passwordHash, Set<String> roles) {
        try {
            return users.create(name, mail, passwordHash, roles);
        } catch (ValueTooLongException e) {
            throw new InvalidInputException("username", "username or email is too long");
        }
    }

    /**
     * Sets a new password for an existing account (password change, administration). Revoking
     * sessions and cached Basic checks is the caller's business.
     *
     * @throws InvalidInputException when the password breaks {@link AccountRules} or is too easy to guess
     */
    public void setPassword(User user, String password) {
        AccountRules.newPassword(password);
        strength.check(password, user.username(), user.email());
        users.updatePassword(user.id(), hasher.hash(password));
    }

    /** Whether the store holds no account at all, as on the first start against a new database. */
    public boolean none() {
        return users.isEmpty();
    }

    public Optional<User> findByUsername(String username) {
        return users.findByUsername(AccountRules.lookupName(username));
    }
}
