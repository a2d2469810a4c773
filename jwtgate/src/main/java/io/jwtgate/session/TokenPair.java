package io.jwtgate.session;

import io.jwtgate.token.IssuedToken;

/**
 * An access token and, for sessions that can be refreshed, its refresh token.
 *
 * @param refreshToken null for tokens minted through {@code POST /auth/token}; never log it
 */
public record TokenPair(IssuedToken access, String refreshToken) {

    @Override
    public String toString() {
        return "TokenPair[" + access + "]";
    }
}
