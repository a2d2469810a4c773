package io.jwtgate.login;

import io.jwtgate.JwtGateException;

/**
 * An address group has used its budget of attempts, successful or not (registration): a 429 with
 * {@code Retry-After} whose text speaks of requests, not of failures (decision 143).
 */
public final class TooManyRequestsException extends JwtGateException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(long retryAfterSeconds) {
        super("too many requests, retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
