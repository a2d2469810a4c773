package io.jwtgate.login;

import io.jwtgate.JwtGateException;

/**
 * Wrong name or password, or a disabled account. One exception for all of them so that callers
 * cannot answer them differently; the reason is for the audit log only.
 */
public final class LoginFailedException extends JwtGateException {

    private final String reason;

    public LoginFailedException(String reason) {
        super("login failed: " + reason);
        this.reason = reason;
    }

    /**
     * {@code unknown_user}, {@code wrong_password}, {@code disabled}, {@code password_too_long} or
     * {@code credential_changed} (a legacy digest replaced between the check and its upgrade, decision 324).
     */
    public String reason() {
        return reason;
    }
}
