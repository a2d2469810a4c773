package io.jwtgate.store;

import io.jwtgate.JwtGateException;

/** The user/token store failed for a reason that is not the caller's fault: a 500. */
public class StoreException extends JwtGateException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
