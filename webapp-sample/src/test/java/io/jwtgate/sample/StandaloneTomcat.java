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
import java.util.stream.Stream;

/**
 * A standalone Tomcat distribution running in a JVM of its own, the way an operator runs one: the
 * unpacked distribution as {@code CATALINA_HOME}, a separate {@code CATALINA_BASE} with the
 * distribution's {@code conf} (its {@code server.xml} bound to one loopback port, the shutdown port
 * off), a {@code tomcat-users.xml} of the test's realm users, each application a WAR outside the
 * base deployed by a context file in {@code conf/Catalina/localhost}, and {@code bin/catalina.sh run}
 * in the foreground. As a {@link RunningApp} the suite's {@link Http} client talks to it, so every
 * password and token it sends or receives is known to the log audit.
 */
final class StandaloneTomcat implements RunningApp {

    /** How long the distribution may take to deploy its applications and answer. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** The pause between two probes while Tomcat starts; the wait ends early if the process exits. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
    /** The distribution's one active HTTP connector; the other {@code port="8080"} is in a comment. */
    private static final String CONNECTOR = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";
    private static final String SHUTDOWN_PORT = "<Server port=\"8005\"";

    private final Path home;
    private final Path base;
    private final Path log;
    private final int port;
    private Process process;

    private StandaloneTomcat(Path home, Path base, Path log, int port) {
        this.home = home;
        this.base = base;
        this.log = log;
        this.port = port;
    }

    /**
     * Makes a {@code CATALINA_BASE} in {@code base} from the distribution's configuration, with these
     * realm users in {@code tomcat-users.xml}.
     *
     * @param home the unpacked Tomcat distribution
     * @param users user name to password and roles, for the distribution's {@code UserDatabaseRealm}
     * @param log where the process's output goes (kept after the run for failures)
     */
    static StandaloneTomcat create(Path home, Path base, Map<String, RealmUser> users, Path log) throws IOException {
        if (!Files.isRegularFile(home.resolve("bin/catalina.sh"))) {
            throw new IllegalStateException(home + " holds no bin/catalina.sh; run the module's build up to"
                    + " pre-integration-test so the dependency plugin unpacks the Tomcat distribution");
        }
        StandaloneTomcat tomcat = new StandaloneTomcat(home, base, log, freeLoopbackPort());
        Path conf = Files.createDirectories(base.resolve("conf"));
        try (Stream<Path> files = Files.list(home.resolve("conf"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        Files.writeString(conf.resolve("server.xml"), tomcat.serverXml(Files.readString(conf.resolve("server.xml"))),
                StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("tomcat-users.xml"), tomcatUsers(users), StandardCharsets.UTF_8);
        for (String dir : List.of("logs", "temp", "webapps", "work", "conf/Catalina/localhost")) {
            Files.createDirectories(base.resolve(dir));
        }
        Files.createDirectories(log.getParent());
        return tomcat;
    }

    /** A user of Tomcat's own realm. */
    record RealmUser(String password, List<String> roles) {
    }

    /**
     * Deploys {@code war} at {@code /name} through {@code conf/Catalina/localhost/name.xml}, with these
     * context parameters as {@code <Parameter override="false">}: they win over a {@code <context-param>}
     * of the same name in the WAR's web.xml, as an operator sets an application's settings in Tomcat
     * without touching its WAR.
     */
    void deploy(String name, Path war, Map<String, String> contextParams) throws IOException {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Context docBase=\"").append(escape(war.toAbsolutePath().toString())).append("\">\n");
        contextParams.forEach((key, value) -> xml.append("  <Parameter name=\"").append(escape(key))
                .append("\" value=\"").append(escape(value)).append("\" override=\"false\"/>\n"));
        xml.append("</Context>\n");
        Files.writeString(base.resolve("conf/Catalina/localhost/" + name + ".xml"), xml, StandardCharsets.UTF_8);
    }

    /**
     * Starts {@code bin/catalina.sh run} with these environment variables added and returns once every
     * path of {@code ready} answers with its status (before an application is deployed Tomcat answers
     * 404), failing early when the process exits and at the latest after {@link #START_TIMEOUT}.
     */
    void start(Map<String, String> environment, Map<String, Integer> ready) throws IOException, InterruptedException {
        List<String> command = List.of("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run");
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        // Only the context files and the given variables configure the applications, and nothing a CI machine
        // exports changes the JVM: settings for JwtGate or the demo, options or another Tomcat would win over them.
        env.keySet().removeIf(name -> name.startsWith("JWTGATE_") || name.equals("DEMO_PASSWORD")
                || name.startsWith("CATALINA_") || name.equals("JAVA_OPTS") || name.equals("JRE_HOME"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CATALINA_HOME", home.toAbsolutePath().toString());
        env.put("CATALINA_BASE", base.toAbsolutePath().toString());
        env.putAll(environment);
        process = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        for (Map.Entry<String, Integer> probe : ready.entrySet()) {
            String path = probe.getKey();
            while (!answers(path, probe.getValue())) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Tomcat exited with " + process.exitValue() + " while starting; see " + log);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Tomcat did not answer " + path + " within " + START_TIMEOUT
                            + "; see " + log);
                }
                try {
                    process.onExit().get(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    // The usual case: probe again.
                } catch (ExecutionException e) {
                    throw new IllegalStateException("cannot watch the Tomcat process", e);
                }
            }
        }
    }

    /**
     * Every line the process wrote to its console so far, and every line of Tomcat's own log files
     * under {@code CATALINA_BASE/logs} (the access log among them).
     */
    List<String> logLines() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    Path log() {
        return log;
    }

    private String serverXml(String distributed) {
        if (!distributed.contains(CONNECTOR) || !distributed.contains(SHUTDOWN_PORT)) {
            throw new IllegalStateException("the distribution's server.xml has no " + CONNECTOR + " or " + SHUTDOWN_PORT);
        }
        // The shutdown port is off (-1): the test stops Tomcat by signal, and a fixed 8005 could clash.
        return distributed.replace(CONNECTOR, "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"")
                .replace(SHUTDOWN_PORT, "<Server port=\"-1\"");
    }

    private static String tomcatUsers(Map<String, RealmUser> users) {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<tomcat-users xmlns=\"http://tomcat.apache.org/xml\" version=\"1.0\">\n");
        users.forEach((name, user) -> xml.append("  <user username=\"").append(escape(name))
                .append("\" password=\"").append(escape(user.password()))
                .append("\" roles=\"").append(escape(String.join(",", user.roles()))).append("\"/>\n"));
        return xml.append("</tomcat-users>\n").toString();
    }

    /** One probe: true on {@code status}, false while nothing listens or the application is not deployed yet. */
    private boolean answers(String path, int status) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri(path).toURL().openConnection();
            connection.setConnectTimeout((int) PROBE_INTERVAL.toMillis());
            connection.setReadTimeout((int) Http.TIMEOUT.toMillis());
            try {
                return connection.getResponseCode() == status;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freeLoopbackPort() throws IOException {
        // server.xml names a port; the test chooses a free one and writes it there.
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
    public jakarta.servlet.ServletContext servletContext() {
        throw new UnsupportedOperationException("the standalone Tomcat runs in a process of its own");
    }

    @Override
    public void join() throws InterruptedException {
        process.waitFor();
    }

    /**
     * Stops Tomcat as a service manager would (SIGTERM reaches the JVM, which {@code catalina.sh run}
     * replaced itself with; its shutdown hook stops the applications and closes their H2 stores), then
     * forcibly if it does not exit in time.
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
            throw new IllegalStateException("interrupted while stopping Tomcat", e);
        }
    }
}
