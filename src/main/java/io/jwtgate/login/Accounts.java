package io.jwtgate.login;

import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import java.util.Optional;
import java.util.Set;

/**
 * Creating and finding accounts and setting passwords, with the validation, strength check and
 * hashing every new password needs.
 */
public final class Accounts {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final PasswordStrength strength;

    public Accounts(UserStore users, PasswordHasher hasher, PasswordStrength strength) {
        this.users = users;
        this.hasher = hasher;
        this.strength = strength;
    }

    /**
     * Creates an account. The password is hashed before any connection is taken.
     *
     * @param email null for none
     * @throws InvalidInputException when a field breaks {@link AccountRules} or the password is
     *     too easy to guess ({@code jwtgate.password.min-score})
     * @throws io.jwtgate.store.DuplicateUserException when the name or email is taken
     */
    public User create(String username, String email, String password, Set<String> roles) {
        String name = AccountRules.username(username);
        String mail = AccountRules.email(email);
        AccountRules.newPassword(password);
        strength.check(password, name, mail);
        for (String role : roles) {
            if (!role.matches("[\\x21-\\x7e&&[^\"\\\\,;]]{1,64}")) {
                throw new InvalidInputException("roles", "role names are 1 to 64 visible ASCII characters");
            }
        }
        return users.create(name, mail, hasher.hash(password), roles);
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
