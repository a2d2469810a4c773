package io.jwtgate.login;

import io.jwtgate.JwtGateException;

/** Too many failed logins for an account name or a client address: a 429 with {@code Retry-After}. */
public final class LockedOutException extends JwtGateException {

    private final long retryAfterSeconds;

    public LockedOutException(long retryAfterSeconds) {
        super("locked out for " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
