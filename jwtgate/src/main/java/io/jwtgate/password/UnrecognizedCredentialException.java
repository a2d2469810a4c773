package io.jwtgate.password;

/**
 * A credential text that no known format reads (or that the configuration does not allow). The message says
 * what is wrong and which key to set; it never contains the credential.
 */
public final class UnrecognizedCredentialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnrecognizedCredentialException(String message) {
        // No stack trace: this is an answer about data, raised per import line or per login.
        super(message, null, false, false);
    }
}
