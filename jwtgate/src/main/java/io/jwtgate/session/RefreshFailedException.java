package io.jwtgate.session;

import io.jwtgate.JwtGateException;

/** A refresh token was not acceptable (unknown, expired, revoked, or spent: reuse). */
public final class RefreshFailedException extends JwtGateException {

    private final String reason;

    public RefreshFailedException(String reason) {
        super("refresh refused: " + reason);
        this.reason = reason;
    }

    /** {@code unknown}, {@code expired}, {@code revoked}, {@code reuse} or {@code account}. */
    public String reason() {
        return reason;
    }
}
