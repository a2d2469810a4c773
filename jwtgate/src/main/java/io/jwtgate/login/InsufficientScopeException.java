package io.jwtgate.login;

import io.jwtgate.JwtGateException;

/** The caller lacks a scope an operation needs, or asks for scopes beyond its own. */
public final class InsufficientScopeException extends JwtGateException {

    private final String scope;

    public InsufficientScopeException(String scope, String message) {
        super(message);
        this.scope = scope;
    }

    /** The scope(s) to name in the {@code WWW-Authenticate} challenge. */
    public String scope() {
        return scope;
    }
}
