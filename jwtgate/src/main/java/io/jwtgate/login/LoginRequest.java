package io.jwtgate.login;

import java.util.List;

/**
 * A login attempt: exactly one of username and email, a password and optionally the scopes to
 * narrow the token to.
 *
 * @param scopes null to get every scope the user's roles allow
 */
public record LoginRequest(String username, String email, String password, List<String> scopes) {

    @Override
    public String toString() {
        return "LoginRequest[" + (username != null ? username : email) + ", ***]";
    }
}
