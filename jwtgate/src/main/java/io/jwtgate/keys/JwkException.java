package io.jwtgate.keys;

/**
 * A JSON Web Key or key set that JwtGate will not use, with the reason. The message names the
 * key by its {@code kid} (or its position) and the member at fault, never a key value, so it is
 * safe to log and to put in a configuration error.
 */
public class JwkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JwkException(String message) {
        super(message);
    }
}
