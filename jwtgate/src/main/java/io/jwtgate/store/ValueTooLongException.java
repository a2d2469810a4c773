package io.jwtgate.store;

import io.jwtgate.JwtGateException;

/**
 * A value does not fit its column (SQLState 22001): the caller's input, so a 422, not a 500. It
 * carries no cause: the driver's message quotes the value, which is user input and must not reach
 * an ERROR log (decision 138).
 */
public final class ValueTooLongException extends JwtGateException {

    public ValueTooLongException(String message) {
        super(message);
    }
}
