package io.jwtgate.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one administration command: options that take a value ({@code --role R} or
 * {@code --role=R}, some repeatable), then positional words; {@code --} ends the options, for a
 * name that starts with a dash. Any {@code --password} option is refused: a password on the command
 * line shows in {@code ps}, in shell history and in process accounting.
 */
final class Arguments {

    static final String NO_PASSWORD_IN_ARGUMENTS = "passwords are never taken from the command line (ps and shell"
            + " history would show them): leave the option out and type the password when asked, or pipe it as"
            + " one line on stdin, e.g. printf '%s\\n' \"$PASSWORD\" | jwtgate users add NAME --role user";

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final String command;

    private Arguments(String command) {
        this.command = command;
    }

    /**
     * @param command the command's words, for messages
     * @param valueOptions the options that take a value, e.g. {@code --role}
     * @throws CliException exit 2 for an unknown option, a missing value, or a password option
     */
    static Arguments parse(String command, List<String> args, Set<String> valueOptions) throws CliException {
        Arguments parsed = new Arguments(command);
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                parsed.positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            // Only the option's name is ever echoed: after '=' may be anything, a password included.
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (name.startsWith("--pass") || name.equals("-p")) {
                throw new CliException(ExitCode.USAGE, NO_PASSWORD_IN_ARGUMENTS);
            }
            if (!valueOptions.contains(name)) {
                throw new CliException(ExitCode.USAGE, "unknown option " + name + " for 'jwtgate " + command + "'");
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new CliException(ExitCode.USAGE, name + " needs a value");
            }
            parsed.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    /** Every value of a repeatable option, in order. */
    List<String> all(String option) {
        return values.getOrDefault(option, List.of());
    }

    /** The value of an option given at most once. */
    Optional<String> one(String option) throws CliException {
        List<String> given = all(option);
        if (given.size() > 1) {
            throw new CliException(ExitCode.USAGE, option + " is given more than once");
        }
        return given.stream().findFirst();
    }

    /** The single positional argument, e.g. the user's name. */
    String onePositional(String what) throws CliException {
        if (positional.size() != 1) {
            throw new CliException(ExitCode.USAGE, "'jwtgate " + command + "' takes exactly one " + what
                    + (positional.isEmpty() ? "" : " (got " + positional.size() + ")"));
        }
        return positional.get(0);
    }

    /** Refuses positional arguments for a command that takes none. */
    void noPositional() throws CliException {
        if (!positional.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "'jwtgate " + command + "' takes no argument like '"
                    + Terminal.safe(positional.get(0)) + "'");
        }
    }
}
