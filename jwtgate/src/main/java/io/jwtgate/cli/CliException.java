package io.jwtgate.cli;

/** An error the user can fix; {@link Main} prints its message and exits with its code. */
public final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
