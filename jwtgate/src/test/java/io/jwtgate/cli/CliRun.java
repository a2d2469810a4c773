package io.jwtgate.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/** Runs {@link Main} in this JVM with given settings (as system properties), stdin and terminal; keeps the output. */
final class CliRun {

    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliRun run(Map<String, String> settings, String stdin, CliContext.Console console, String... args) {
        Properties props = new Properties();
        props.putAll(settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), console,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), props);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun of(int exitCode, String out, String err) {
        return new CliRun(exitCode, out, err);
    }

    static CliRun run(Map<String, String> settings, String... args) {
        return run(settings, "", null, args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out + "stderr:\n" + err;
    }
}
