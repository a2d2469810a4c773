package io.jwtgate.token;

import java.time.Instant;

/** The token's {@code exp} has passed (beyond the clock skew). */
public final class ExpiredTokenException extends BadTokenException {

    private final Instant expiredAt;

    public ExpiredTokenException(Instant expiredAt) {
        super(Reason.EXPIRED, "token expired at " + expiredAt);
        this.expiredAt = expiredAt;
    }

    public Instant expiredAt() {
        return expiredAt;
    }
}
