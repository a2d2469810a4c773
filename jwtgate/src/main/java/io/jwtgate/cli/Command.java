package io.jwtgate.cli;

import java.util.List;

/**
 * One command of the {@code jwtgate} command line, found in {@link Main}'s table by its words
 * (e.g. {@code rules from-web-xml}).
 */
public interface Command {

    /** The words that name it, e.g. {@code rules from-web-xml}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The full help text, shown by {@code jwtgate NAME --help}. */
    String help();

    /**
     * @param args the arguments after the command's words, {@code --help} already handled
     * @return the exit code (see {@link ExitCode})
     * @throws CliException for an error the user can fix; its message is printed, never a stack trace
     */
    int run(List<String> args, CliContext context) throws CliException;
}
