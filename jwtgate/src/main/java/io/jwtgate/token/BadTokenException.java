package io.jwtgate.token;

import io.jwtgate.JwtGateException;

/**
 * A presented token is not acceptable. The {@link #reason()} picks the RFC 6750
 * {@code error_description}; the message is for logs and never contains the token.
 */
public class BadTokenException extends JwtGateException {

    /** Why a token was refused; each reason has its own public description. */
    public enum Reason {
        INVALID("The access token is invalid"),
        EXPIRED("The access token expired"),
        REVOKED("The access token has been revoked");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /** The text sent to the client as {@code error_description}. */
        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public BadTokenException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public BadTokenException(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static BadTokenException invalid(String detail) {
        return new BadTokenException(Reason.INVALID, detail);
    }
}
