package io.jwtgate;

/**
 * Root of every exception JwtGate throws on purpose. Subclasses carry the data a caller needs to
 * answer correctly (which key was misconfigured, why a token was refused, whether the store is
 * reachable), so callers catch the subclass they mean and let everything else propagate.
 */
public class JwtGateException extends RuntimeException {

    public JwtGateException(String message) {
        super(message);
    }

    public JwtGateException(String message, Throwable cause) {
        super(message, cause);
    }
}
