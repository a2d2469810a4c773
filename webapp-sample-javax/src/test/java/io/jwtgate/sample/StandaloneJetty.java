package io.jwtgate.sample;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A standalone Jetty 12 distribution ({@code jetty-home}) running in a JVM of its own, the way an
 * operator runs it: a jetty base made by {@code start.jar --add-modules=http,ee8-deploy}, web
 * applications dropped into its {@code webapps} directory with a context XML file each, and
 * {@code java -jar start.jar} bound to one loopback port. As a {@link RunningApp} the suite's
 * {@link Http} client talks to it, so every password and token it sends or receives is known to the
 * log audit.
 */
final class StandaloneJetty implements RunningApp {

    /** How long the distribution may take to deploy its applications and answer. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** The pause between two probes while Jetty starts; the wait ends early if the process exits. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);

    private final Path home;
    private final Path base;
    private final Path log;
    private final int port;
    private Process process;

    private StandaloneJetty(Path home, Path base, Path log, int port) {
        this.home = home;
        this.base = base;
        this.log = log;
        this.port = port;
    }

    /**
     * Creates a jetty base in {@code base} with the {@code http} and {@code ee8-deploy} modules, through
     * the distribution's own {@code start.jar}.
     *
     * @param home the unpacked {@code jetty-home} directory
     * @param log where the process's output goes (kept after the run for failures)
     */
    static StandaloneJetty create(Path home, Path base, Path log) throws IOException, InterruptedException {
        if (!Files.isRegularFile(home.resolve("start.jar"))) {
            throw new IllegalStateException(home + " holds no start.jar; run the module's build up to"
                    + " pre-integration-test so the dependency plugin unpacks jetty-home");
        }
        Files.createDirectories(base);
        Files.createDirectories(log.getParent());
        StandaloneJetty jetty = new StandaloneJetty(home, base, log, freeLoopbackPort());
        Process addModules = jetty.startJar(List.of("--add-modules=http,ee8-deploy")).start();
        if (!addModules.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            addModules.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new IllegalStateException("start.jar --add-modules did not finish; see " + log);
        }
        if (addModules.exitValue() != 0) {
            throw new IllegalStateException("start.jar --add-modules failed (" + addModules.exitValue() + "); see " + log);
        }
        // Jetty unpacks WARs below ${jetty.base}/work when it exists, instead of the shared /tmp.
        Files.createDirectories(base.resolve("work"));
        return jetty;
    }

    /**
     * Copies {@code war} into {@code webapps} as {@code name.war}, with {@code name.xml} deploying it
     * at {@code /name} with these context parameters, as an operator sets an application's settings
     * in Jetty without touching its WAR.
     */
    void deploy(String name, Path war, Map<String, String> contextParams) throws IOException {
        Path webapps = base.resolve("webapps");
        Path target = webapps.resolve(name + ".war");
        Files.copy(war, target);
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE Configure PUBLIC \"-//Jetty//Configure//EN\" \"https://jetty.org/configure_10_0.dtd\">\n")
                .append("<Configure class=\"org.eclipse.jetty.ee8.webapp.WebAppContext\">\n")
                .append("  <Set name=\"contextPath\">/").append(escape(name)).append("</Set>\n")
                .append("  <Set name=\"war\">").append(escape(target.toAbsolutePath().toString())).append("</Set>\n");
        contextParams.forEach((key, value) -> xml.append("  <Call name=\"setInitParameter\"><Arg>").append(escape(key))
                .append("</Arg><Arg>").append(escape(value)).append("</Arg></Call>\n"));
        xml.append("</Configure>\n");
        Files.writeString(webapps.resolve(name + ".xml"), xml, StandardCharsets.UTF_8);
    }

    /**
     * Starts {@code java -jar start.jar} on the loopback port and returns once {@code readyPath} answers
     * 200, failing early when the process exits and at the latest after {@link #START_TIMEOUT}.
     */
    void start(String readyPath) throws IOException, InterruptedException {
        process = startJar(List.of("jetty.http.host=127.0.0.1", "jetty.http.port=" + port,
                // What docs/operations.md asks of a standalone Jetty (decision 641).
                "jetty.httpConfig.headerCacheSize=0")).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!answers(readyPath)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Jetty exited with " + process.exitValue() + " while starting; see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Jetty did not answer " + readyPath + " within " + START_TIMEOUT + "; see " + log);
            }
            try {
                process.onExit().get(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // The usual case: probe again.
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot watch the Jetty process", e);
            }
        }
    }

    /** Every line the process wrote so far. */
    List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    Path log() {
        return log;
    }

    private ProcessBuilder startJar(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home.toAbsolutePath(), "jetty.base=" + base.toAbsolutePath()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only the context XML files configure the applications: settings a CI machine exports for
        // JwtGate or the demo would otherwise win over them (system properties and environment come first).
        builder.environment().keySet().removeIf(name -> name.startsWith("JWTGATE_") || name.equals("DEMO_PASSWORD"));
        return builder;
    }

    /** One probe: true on 200, false while nothing listens or the applications are not deployed yet. */
    private boolean answers(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri(path).toURL().openConnection();
            connection.setConnectTimeout((int) PROBE_INTERVAL.toMillis());
            connection.setReadTimeout((int) Http.TIMEOUT.toMillis());
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freeLoopbackPort() throws IOException {
        // Jetty's http module cannot report a port it chose itself, so the test chooses one.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public boolean available() {
        return process != null && process.isAlive();
    }

    @Override
    public Optional<Throwable> startupFailure() {
        return Optional.empty();
    }

    /** The applications live in another JVM; their servlet context is out of this one's reach. */
    @Override
    public javax.servlet.ServletContext servletContext() {
        throw new UnsupportedOperationException("the standalone Jetty runs in a process of its own");
    }

    @Override
    public void join() throws InterruptedException {
        process.waitFor();
    }

    /**
     * Stops Jetty as a service manager would (SIGTERM runs its shutdown hook, which closes the
     * applications and their H2 stores), then forcibly if it does not exit in time.
     */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            children.forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping Jetty", e);
        }
    }
}
