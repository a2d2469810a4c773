package io.jwtgate.keys;

/**
 * A key file that cannot be used: missing, unreadable, of a form JwtGate does not read, or holding a
 * key that is too weak or does not fit its algorithm. The message says the problem and the fix and
 * never contains key material or a password; the settings turn it into a
 * {@link io.jwtgate.config.ConfigurationException} naming the key at fault.
 */
public final class KeyFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyFileException(String problemAndFix) {
        super(problemAndFix);
    }
}
