package io.jwtgate.login;

import io.jwtgate.JwtGateException;

/** A field of a request is missing or not acceptable; the message is safe to show the client. */
public final class InvalidInputException extends JwtGateException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
