package io.jwtgate.login;

import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.store.ValueTooLongException;
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
        String name = check == NameCheck.OVERRIDE_CHARACTER_SET ? AccountRules.username(username)
                : names.apply(username);
        String mail = AccountRules.email(email);
        AccountRules.newPassword(password);
        strength.check(password, name, mail);
        checkRoles(roles);
        try {
            return users.create(name, mail, hasher.hash(password), roles);
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

    /**
     * Checks role names as they are stored: space-separated in one column, and read by rules and
     * {@code jwtgate.role-scopes}, which separate with {@code ,} {@code ;} and quotes.
     *
     * @throws InvalidInputException when a name is not 1 to 64 visible ASCII characters without those
     */
    public static void checkRoles(Set<String> roles) {
        for (String role : roles) {
            if (!role.matches("[\\x21-\\x7e&&[^\"\\\\,;]]{1,64}")) {
                throw new InvalidInputException("roles", "role names are 1 to 64 visible ASCII characters");
            }
        }
    }

    /** Whether the store holds no account at all, as on the first start against a new database. */
    public boolean none() {
        return users.isEmpty();
    }

    public Optional<User> findByUsername(String username) {
        return users.findByUsername(AccountRules.lookupName(username));
    }
}
