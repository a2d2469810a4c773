package io.jwtgate.store;

import java.util.Set;

/**
 * A stored account.
 *
 * @param id stable user id, the token's {@code sub}
 * @param passwordHash bcrypt hash; never log it
 */
public record User(String id, String username, String email, String passwordHash, Set<String> roles,
        boolean enabled) {

    public User {
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", roles=" + roles + ", enabled=" + enabled + "]";
    }
}
