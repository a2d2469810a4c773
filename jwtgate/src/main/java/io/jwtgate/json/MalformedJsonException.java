package io.jwtgate.json;

import io.jwtgate.JwtGateException;

/** Untrusted input is not acceptable JSON; the message is short and safe to show a client. */
public final class MalformedJsonException extends JwtGateException {

    public MalformedJsonException(String reason) {
        super(reason);
    }
}
