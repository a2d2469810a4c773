package io.jwtgate.login;

import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import java.util.Optional;
import java.util.Set;

/** Creating and finding accounts, with the validation and hashing new accounts need. */
public final class Accounts {

    private final UserStore users;
    private final PasswordHasher hasher;

    public Accounts(UserStore users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
    }

    /**
     * Creates an account. The password is hashed before any connection is taken.
     *
     * @param email null for none
     * @throws InvalidInputException when a field breaks {@link AccountRules}
     * @throws io.jwtgate.store.DuplicateUserException when the name or email is taken
     */
    public User create(String username, String email, String password, Set<String> roles) {
        String name = AccountRules.username(username);
        String mail = AccountRules.email(email);
        AccountRules.newPassword(password);
        for (String role : roles) {
            if (!role.matches("[\\x21-\\x7e&&[^\"\\\\,;]]{1,64}")) {
                throw new InvalidInputException("roles", "role names are 1 to 64 visible ASCII characters");
            }
        }
        return users.create(name, mail, hasher.hash(password), roles);
    }

    public Optional<User> findByUsername(String username) {
        return users.findByUsername(AccountRules.lookupName(username));
    }
}
