package io.jwtgate.cli;

/** The exit codes of the {@code jwtgate} command line (documented in docs/cli.md). */
public final class ExitCode {

    /** Done. */
    public static final int OK = 0;
    /** The input or the configuration is wrong: a missing or unreadable file, an invalid web.xml, a bad key. */
    public static final int INPUT = 1;
    /** The command line is wrong: unknown command or option, missing argument. */
    public static final int USAGE = 2;
    /** The rules were printed but cannot reproduce the container exactly (without {@code --allow-approximate}). */
    public static final int APPROXIMATE = 3;
    /** A fault in JwtGate itself. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
