package io.jwtgate.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java -cp <the test class path> io.jwtgate.cli.Main ARGS} as a real process, as an
 * operator would: its own JVM, an environment made only of what the test gives (no inherited
 * {@code JWTGATE_*}), stdin fed from a text and then closed (so the process has no console),
 * stdout and stderr captured whole.
 *
 * <p>The class path is this JVM's {@code java.class.path}. Under surefire that may be a
 * manifest-only booter jar whose {@code Class-Path} lists the real entries; {@code -cp} honours
 * a jar's manifest Class-Path, so the child sees the same classes. The booter jar exists while
 * the forked test JVM runs, which is all the child needs.
 *
 * <pre>{@code
 * CliProcess.Result r = CliProcess.args("users", "add", "alice", "--role", "user")
 *         .env(Map.of("JWTGATE_DATA_DIR", dir.toString()))
 *         .stdin("a long passphrase\n")
 *         .run();
 * assertEquals(0, r.exitCode(), r.stderr());
 * }</pre>
 */
public final class CliProcess {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> args;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private final String stdin;
    private final Duration timeout;

    private CliProcess(List<String> args, Map<String, String> env, List<String> jvmOptions, String stdin,
            Duration timeout) {
        this.args = List.copyOf(args);
        this.env = Map.copyOf(env);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.stdin = stdin;
        this.timeout = timeout;
    }

    /** A run of {@code Main} with these arguments, an empty environment, empty stdin, a 60 s timeout. */
    public static CliProcess args(String... args) {
        return new CliProcess(List.of(args), Map.of(), List.of(), "", DEFAULT_TIMEOUT);
    }

    /** The whole environment of the child (nothing of this JVM's environment is passed on). */
    public CliProcess env(Map<String, String> environment) {
        return new CliProcess(args, environment, jvmOptions, stdin, timeout);
    }

    /** Options for the child JVM before the main class, e.g. {@code -Djwtgate.config=FILE}. */
    public CliProcess jvm(String... options) {
        return new CliProcess(args, env, List.of(options), stdin, timeout);
    }

    /** The text written to the child's stdin (UTF-8), which is then closed. */
    public CliProcess stdin(String text) {
        return new CliProcess(args, env, jvmOptions, text, timeout);
    }

    public CliProcess timeout(Duration limit) {
        return new CliProcess(args, env, jvmOptions, stdin, limit);
    }

    /** The full command line the child is started with (tests check no secret is in it). */
    public List<String> commandLine() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A short-lived JVM: the quick compiler tier starts faster and the child needs little memory.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.jwtgate.cli.Main");
        command.addAll(args);
        return command;
    }

    /**
     * Starts the child, feeds stdin, waits for it to end.
     *
     * @throws AssertionError when the child does not end within the timeout (it is killed)
     */
    public Result run() {
        Path outFile = null;
        Path errFile = null;
        try {
            // Files, not pipes: nothing to drain concurrently, and no deadlock on a full pipe.
            outFile = Files.createTempFile("jwtgate-cli-out", ".txt");
            errFile = Files.createTempFile("jwtgate-cli-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(commandLine());
            builder.environment().clear();
            builder.environment().putAll(childEnvironment());
            builder.redirectOutput(outFile.toFile());
            builder.redirectError(errFile.toFile());
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The child may end before reading its stdin (e.g. a usage error); that is its answer.
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("jwtgate " + String.join(" ", args) + " did not end within " + timeout
                        + "; stderr so far: " + Files.readString(errFile, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the jwtgate process", e);
        } finally {
            delete(outFile);
            delete(errFile);
        }
    }

    private Map<String, String> childEnvironment() {
        Map<String, String> child = new HashMap<>(env);
        // Only what a JVM needs to find itself; never the parent's JWTGATE_* or CI settings.
        String path = System.getenv("PATH");
        if (path != null) {
            child.putIfAbsent("PATH", path);
        }
        return child;
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A temp file left behind is harmless; the run's result stands.
            }
        }
    }

    /** What the child did: its exit code and everything it wrote. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** Both streams, for assertions that a text appears in neither. */
        public String allOutput() {
            return stdout + stderr;
        }
    }
}
