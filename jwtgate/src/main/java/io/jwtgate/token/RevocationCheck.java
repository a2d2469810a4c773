package io.jwtgate.token;

/**
 * Answers, from memory, whether a token id or a session id is revoked. Called on every verified
 * token, so implementations must not touch the database on the request path.
 */
@FunctionalInterface
public interface RevocationCheck {

    /** Nothing is ever revoked: the no-op used where no revocation store is configured. */
    RevocationCheck NONE = (jti, sid) -> false;

    boolean isRevoked(String jti, String sid);
}
