package io.jwtgate.web;

import io.jwtgate.JwtGateException;

/** Ends an endpoint's work with a prepared error answer. */
public final class ApiException extends JwtGateException {

    private final AuthError error;

    public ApiException(AuthError error) {
        super(error.error() + ": " + error.description());
        this.error = error;
    }

    public AuthError error() {
        return error;
    }
}
