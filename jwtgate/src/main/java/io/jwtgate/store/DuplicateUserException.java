package io.jwtgate.store;

import io.jwtgate.JwtGateException;

/** A user with that username or email exists already (a 409 at registration). */
public final class DuplicateUserException extends JwtGateException {

    public DuplicateUserException(String message) {
        super(message);
    }
}
