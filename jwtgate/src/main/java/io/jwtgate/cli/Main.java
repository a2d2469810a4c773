package io.jwtgate.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code jwtgate} command line: {@code java -jar jwtgate-<version>.jar COMMAND ...} in
 * {@code WEB-INF/lib} (the manifest's Class-Path names the dependency jars beside it), or
 * {@code java -cp 'WEB-INF/lib/*' io.jwtgate.cli.Main COMMAND ...}. Needs no servlet API.
 *
 * <p>Commands are found in a small table by their words; later commands (user administration,
 * reports) are added to {@link #COMMANDS}. Global options: {@code --config FILE} (the properties
 * file the filter would read, as {@code -Djwtgate.config=FILE}), {@code --help}. Errors print one
 * clear line and an exit code, never a stack trace.
 */
public final class Main {

    private static final List<Command> COMMANDS = List.of(
            new RulesFromWebXml(),
            new ReportWouldRefuse(),
            new UsersAdd(),
            new UsersList(),
            new UsersEnablement(false),
            new UsersEnablement(true),
            new UsersSetRoles(),
            new UsersResetPassword(),
            new SessionsRevoke(),
            new TokensRevoke(),
            new AuditTail(),
            new SchemaCommand(false),
            new SchemaCommand(true),
            new UsersImport());

    private Main() {
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        java.io.Console terminal = System.console();
        // "%s": the prompt holds the user's name, which may hold a '%' that a format would read.
        CliContext.Console console = terminal == null ? null : prompt -> terminal.readPassword("%s", prompt);
        System.exit(run(args, System.in, console, printable(System.out, FileDescriptor.out, "sun.stdout.encoding"),
                printable(System.err, FileDescriptor.err, "sun.stderr.encoding"), System.getenv(),
                System.getProperties(), COMMANDS));
    }

    /**
     * The stream as it is, unless it cannot write letters beyond ASCII (a POSIX locale: cron, systemd, slim
     * containers), where Java would print {@code jörg} and {@code järg} both as {@code j?rg}; then the same
     * descriptor in UTF-8, so two names never print alike (decision 389).
     */
    private static PrintStream printable(PrintStream stream, FileDescriptor descriptor, String encodingProperty) {
        // Java 17 writes System.out in that property's charset when a terminal set it, else in the default one.
        String encoding = System.getProperty(encodingProperty);
        Charset charset;
        try {
            charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            charset = Charset.defaultCharset();
        }
        if (charset.newEncoder().canEncode('\u00e4')) {
            return stream;
        }
        return new PrintStream(new FileOutputStream(descriptor), true, StandardCharsets.UTF_8);
    }

    /**
     * A command's output is its own lines: the connection pool's start and stop notices and the
     * audit log's copy of each event (the event is in the store) would bury them on stderr. Only
     * warnings and errors are shown, unless the operator configured logging
     * ({@code -Djava.util.logging.config.file=...}) (decision 376).
     */
    private static void quietLibraryLogging() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
    }

    /** Runs one command line without standard input; returns the exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> environment,
            Properties systemProperties) {
        return run(argv, InputStream.nullInputStream(), null, out, err, environment, systemProperties, COMMANDS);
    }

    /** Runs one command line with {@code in} as its standard input and no terminal; returns the exit code. */
    public static int run(String[] argv, InputStream in, PrintStream out, PrintStream err,
            Map<String, String> environment, Properties systemProperties) {
        return run(argv, in, null, out, err, environment, systemProperties, COMMANDS);
    }

    /** As {@link #run(String[], InputStream, PrintStream, PrintStream, Map, Properties)} at a terminal. */
    static int run(String[] argv, InputStream in, CliContext.Console console, PrintStream out, PrintStream err,
            Map<String, String> environment, Properties systemProperties) {
        return run(argv, in, console, out, err, environment, systemProperties, COMMANDS);
    }

    /** As {@link #run(String[], PrintStream, PrintStream, Map, Properties)}, with {@code replacing}
     *  in place of the table's command of the same name (tests hand in a command with their clock). */
    static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> environment,
            Properties systemProperties, Command replacing) {
        List<Command> commands = new ArrayList<>();
        for (Command c : COMMANDS) {
            commands.add(c.name().equals(replacing.name()) ? replacing : c);
        }
        return run(argv, InputStream.nullInputStream(), null, out, err, environment, systemProperties, commands);
    }

    private static int run(String[] argv, InputStream in, CliContext.Console console, PrintStream out,
            PrintStream err, Map<String, String> environment, Properties systemProperties, List<Command> commands) {
        try {
            return dispatch(new ArrayList<>(Arrays.asList(argv)), in, console, out, err, environment,
                    systemProperties, commands);
        } catch (CliException e) {
            // Messages quote file names, options and configuration keys as the user gave them: the
            // whole message is made safe here, so that no command can let an escape sequence reach
            // the terminal by forgetting it.
            err.println("jwtgate: " + Terminal.safe(e.getMessage()));
            if (e.exitCode() == ExitCode.USAGE) {
                err.println("Run 'jwtgate --help' for the commands.");
            }
            return e.exitCode();
        } catch (RuntimeException e) {
            // A bug of ours: one line naming the failure, no stack trace and no input echoed.
            err.println("jwtgate: internal error (" + e.getClass().getName() + "); please report it");
            return ExitCode.INTERNAL;
        }
    }

    private static int dispatch(List<String> args, InputStream in, CliContext.Console console, PrintStream out,
            PrintStream err, Map<String, String> environment, Properties systemProperties, List<Command> commands)
            throws CliException {
        refusePasswordArguments(args);
        String configFile = null;
        while (!args.isEmpty() && args.get(0).startsWith("-")) {
            String option = args.remove(0);
            if (option.equals("--help") || option.equals("-h")) {
                out.print(overview());
                return ExitCode.OK;
            } else if (option.equals("--config")) {
                if (args.isEmpty()) {
                    throw new CliException(ExitCode.USAGE, "--config needs a properties file");
                }
                configFile = args.remove(0);
            } else if (option.startsWith("--config=")) {
                configFile = option.substring("--config=".length());
            } else {
                throw Arguments.unknownOption(option, "'jwtgate' (before the command)");
            }
        }
        if (args.isEmpty()) {
            err.print(overview());
            return ExitCode.USAGE;
        }
        Command command = find(commands, args);
        if (command == null) {
            throw new CliException(ExitCode.USAGE, "unknown command '" + String.join(" ", args.subList(0,
                    Math.min(2, args.size()))) + "'");
        }
        List<String> rest = args.subList(command.name().split(" ").length, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(command.help());
            return ExitCode.OK;
        }
        CliContext context = new CliContext(out, err, in, console, environment, systemProperties, configFile);
        return command.run(new ArrayList<>(rest), context);
    }

    /**
     * Refuses the whole command line, before any part of it is parsed or quoted, when an argument
     * before {@code --} looks like a password option, wherever it stands: between a command's words,
     * as the value of {@code --config}, {@code --role} or {@code --user}, or shaped like a token id
     * (decision 389). Nothing of it is echoed.
     */
    private static void refusePasswordArguments(List<String> args) throws CliException {
        for (String arg : args) {
            if (arg.equals("--")) {
                return;
            }
            if (Arguments.looksLikePassword(arg)) {
                throw new CliException(ExitCode.USAGE, Arguments.NO_PASSWORD_IN_ARGUMENTS);
            }
        }
    }

    /** The command whose words start the arguments. */
    private static Command find(List<Command> commands, List<String> args) {
        for (Command c : commands) {
            List<String> words = List.of(c.name().split(" "));
            if (args.size() >= words.size() && args.subList(0, words.size()).equals(words)) {
                return c;
            }
        }
        return null;
    }

    /** The words of every command, in the order of the overview. */
    static List<String> commandNames() {
        return COMMANDS.stream().map(Command::name).toList();
    }

    static String overview() {
        Map<String, String> lines = new LinkedHashMap<>();
        COMMANDS.forEach(c -> lines.put(c.name(), c.summary()));
        StringBuilder text = new StringBuilder("Usage: jwtgate [--config FILE] COMMAND [ARGS]\n\nCommands:\n");
        lines.forEach((name, summary) -> text.append(String.format("  %-22s %s%n", name, summary)));
        text.append("\nOptions:\n")
                .append("  --config FILE          the properties file the filter reads (as -Djwtgate.config=FILE);\n")
                .append("                         system properties jwtgate.* and JWTGATE_* variables apply as in the filter\n")
                .append("  --help                 this text; 'jwtgate COMMAND --help' for a command\n")
                .append("\nExit codes: 0 done, 1 bad input or configuration, 2 wrong command line,\n")
                .append("3 rules approximate (rules from-web-xml), 70 internal error.\n")
                .append("Passwords are read from the terminal, or as one line from stdin; never from arguments.\n")
                .append("Run as: java -jar WEB-INF/lib/jwtgate-<version>.jar ... or\n")
                .append("        java -cp 'WEB-INF/lib/*' io.jwtgate.cli.Main ...\n");
        return text.toString();
    }
}
