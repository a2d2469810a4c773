package io.jwtgate.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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

    /** Matches nothing: every argument that starts with a dash is an option. */
    static final Pattern NO_DASHED_POSITIONAL = Pattern.compile("(?!)");

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
        return parse(command, args, valueOptions, NO_DASHED_POSITIONAL);
    }

    /**
     * As {@link #parse(String, List, Set)}, taking an argument that {@code dashedPositional} matches as a
     * positional word even when it starts with a dash: a token id is base64url, and one in 64 starts with
     * {@code -} (decision 388).
     */
    static Arguments parse(String command, List<String> args, Set<String> valueOptions, Pattern dashedPositional)
            throws CliException {
        Arguments parsed = new Arguments(command);
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")
                    || (dashedPositional.matcher(arg).matches() && !valueOptions.contains(optionName(arg)))) {
                parsed.positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = optionName(arg);
            if (!valueOptions.contains(name)) {
                throw unknownOption(arg, "'jwtgate " + command + "'");
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

    /**
     * The refusal of an argument that looks like an option nobody knows. A password-looking option
     * ({@code --pass...}, {@code --pw...}, {@code -p} and its attached form {@code -pSECRET} that the
     * MySQL and MariaDB clients teach) gets {@link #NO_PASSWORD_IN_ARGUMENTS} and is not quoted at all;
     * any other is quoted by its name only, up to a {@code =} (after it may be anything, a password
     * included), made safe for a terminal. Every option parser of the command line refuses through
     * here, so none can echo more.
     *
     * @param where the command line part, for the message, e.g. {@code 'jwtgate users add'}
     */
    static CliException unknownOption(String arg, String where) {
        if (looksLikePassword(arg)) {
            return new CliException(ExitCode.USAGE, NO_PASSWORD_IN_ARGUMENTS);
        }
        return new CliException(ExitCode.USAGE, "unknown option " + Terminal.safe(optionName(arg)) + " for " + where);
    }

    /** Whether an option argument would carry a password: refused without being quoted. */
    static boolean looksLikePassword(String arg) {
        String name = optionName(arg).toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("--pass") || name.startsWith("--pw") || name.startsWith("-p") && !name.startsWith("--");
    }

    /** An option argument's name: up to its {@code =}, if any. */
    static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
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

    /** The positional words, in order. */
    List<String> positional() {
        return List.copyOf(positional);
    }

    /** Refuses positional arguments for a command that takes none. */
    void noPositional() throws CliException {
        if (!positional.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "'jwtgate " + command + "' takes no argument like '"
                    + Terminal.safe(positional.get(0)) + "'");
        }
    }
}
