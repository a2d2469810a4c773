package io.jwtgate.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample server as the README starts it, in a process of its own: the same main class
 * ({@link SampleServer}) on this test's class path, configured by environment variables only. It
 * counts as started when it prints its banner, which names the port it bound ({@code PORT=0}).
 */
final class SampleProcess implements RunningApp {

    private static final Pattern BANNER = Pattern.compile("JwtGate sample listening on 127\\.0\\.0\\.1:(\\d+) ");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;
    private final int port;

    private SampleProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the sample on a free loopback port and waits for its banner.
     *
     * @param environment the variables the README sets ({@code JWTGATE_*}, {@code DEMO_PASSWORD});
     *     every inherited {@code JWTGATE_*} variable is removed first, so the developer's own
     *     shell cannot change what is tested
     * @param log where the process's standard output and error go (kept for a failure)
     */
    static SampleProcess start(Map<String, String> environment, Path log) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The JIT's first tier and the serial collector start a short-lived JVM faster on a small machine;
        // neither changes what the sample does.
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-D" + SampleWar.PROPERTY + "=" + SampleWar.path(),
                "-cp", System.getProperty("java.class.path"),
                SampleServer.class.getName()));
        builder.environment().keySet().removeIf(name -> name.startsWith("JWTGATE_"));
        builder.environment().putAll(environment);
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", "0");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher banner = BANNER.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (banner.find()) {
                return new SampleProcess(process, log, Integer.parseInt(banner.group(1)));
            }
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the sample exited with " + process.exitValue() + "; see " + log);
            }
        }
        stop(process);
        throw new IllegalStateException("the sample printed no banner within " + START_TIMEOUT + "; see " + log);
    }

    /** Everything the process printed so far. */
    List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    Path log() {
        return log;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public boolean available() {
        return process.isAlive();
    }

    @Override
    public Optional<Throwable> startupFailure() {
        return Optional.empty();
    }

    @Override
    public jakarta.servlet.ServletContext servletContext() {
        throw new UnsupportedOperationException("the sample runs in another process");
    }

    @Override
    public void join() throws InterruptedException {
        process.waitFor();
    }

    /** Stops it as Ctrl+C would (the shutdown hook undeploys and closes the pool), forcibly if it hangs. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
