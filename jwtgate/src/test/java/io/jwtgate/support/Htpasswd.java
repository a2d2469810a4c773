package io.jwtgate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Apache's {@code htpasswd} (Debian's apache2-utils) as a test's source of real htpasswd entries. The password goes
 * through stdin ({@code -i}), never the command line. Where the tool is missing a test is skipped with a message
 * saying how to install it, except under {@code CI=true}, where a missing tool fails the test.
 */
public final class Htpasswd {

    /** The algorithms htpasswd offers, by the option that selects each. */
    public enum Algorithm {
        APR1("-m"), BCRYPT("-B"), SHA("-s"), CRYPT("-d");

        private final String option;

        Algorithm(String option) {
            this.option = option;
        }
    }

    private Htpasswd() {
    }

    /** The htpasswd on the PATH, if any. */
    public static Optional<Path> binary() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "htpasswd");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test when htpasswd is missing (fails it instead when CI=true). */
    public static Path require() {
        Optional<Path> bin = binary();
        if (bin.isEmpty()) {
            String message = "htpasswd is not installed (apt-get install -y apache2-utils)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true requires it");
            }
            Assumptions.abort(message + "; test skipped");
        }
        return bin.get();
    }

    /** The hash htpasswd writes for {@code password} (the part after {@code user:}). */
    public static String hash(Algorithm algorithm, String password) {
        return line(algorithm, "user", password).substring("user:".length());
    }

    /** The whole {@code user:hash} line htpasswd writes, as in an htpasswd file. */
    public static String line(Algorithm algorithm, String user, String password) {
        Path bin = require();
        List<String> command = new ArrayList<>(List.of(bin.toString(), "-n", "-i", algorithm.option));
        if (algorithm == Algorithm.BCRYPT) {
            // The lowest cost htpasswd allows: tests pay for every login.
            command.addAll(List.of("-C", "4"));
        }
        command.add(user);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(password.getBytes(StandardCharsets.UTF_8));
            }
            String out;
            try (InputStream o = p.getInputStream()) {
                out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
            }
            Assertions.assertTrue(p.waitFor(30, TimeUnit.SECONDS), "htpasswd did not finish");
            Assertions.assertEquals(0, p.exitValue(), "htpasswd failed");
            String line = out.strip();
            Assertions.assertTrue(line.startsWith(user + ":"), "htpasswd wrote no entry for " + user);
            return line;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
