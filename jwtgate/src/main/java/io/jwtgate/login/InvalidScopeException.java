package io.jwtgate.login;

import io.jwtgate.JwtGateException;

/** The requested scopes are more than the caller may hold. */
public final class InvalidScopeException extends JwtGateException {

    public InvalidScopeException(String message) {
        super(message);
    }
}
