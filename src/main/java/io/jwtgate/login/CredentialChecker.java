package io.jwtgate.login;

import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import java.util.Optional;

/**
 * Finds a user by name or email and checks the password, taking the same time whether or not the
 * user exists. The store connection is released before bcrypt runs.
 */
public final class CredentialChecker {

    private final UserStore users;
    private final PasswordHasher hasher;

    public CredentialChecker(UserStore users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
    }

    /**
     * @param byEmail whether {@code name} is an email address
     * @throws LoginFailedException for an unknown name, a wrong password or a disabled account
     */
    public User check(String name, boolean byEmail, String password) {
        return check(find(AccountRules.lookupName(name), byEmail), password);
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
        boolean matches = hasher.matches(password, user.map(User::passwordHash).orElse(null));
        if (user.isEmpty()) {
            throw new LoginFailedException("unknown_user");
        }
        if (!matches) {
            throw new LoginFailedException("wrong_password");
        }
        if (!user.get().enabled()) {
            throw new LoginFailedException("disabled");
        }
        return user.get();
    }
}
