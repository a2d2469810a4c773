package io.jwtgate.issuers;

/** One fetch of a key set failed: unreachable, slow, refused, redirected, too large or not a key set. */
public final class JwksFetchException extends Exception {

    public JwksFetchException(String message) {
        super(message);
    }

    public JwksFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
