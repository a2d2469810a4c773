package io.jwtgate.sample;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the packaged sample WAR in embedded Jetty for trying it out by hand:
 * {@code mvn -q -DskipTests install && mvn -q -f webapp-sample/pom.xml -DskipTests package exec:java}.
 * Listens on the address in the environment variable {@code HOST} (default {@code 127.0.0.1},
 * this machine only; {@code 0.0.0.0} for every interface) and the port in {@code PORT} (default
 * 8080) until stopped.
 */
public final class SampleServer {

    /** Loopback only: a demo with printed passwords and a development secret is nobody else's business. */
    static final String DEFAULT_HOST = "127.0.0.1";

    private SampleServer() {
    }

    /**
     * @param args ignored; configuration comes from the environment like in a real deployment
     */
    public static void main(String[] args) throws Exception {
        RunningApp app = start(System.getenv(), Map.of());
        // Ctrl+C should undeploy cleanly: listeners run, the pool closes and H2 shuts its file.
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "sample-server-shutdown"));
        System.out.println(banner(app));
        app.join();
    }

    /**
     * Deploys the WAR on {@code HOST} and {@code PORT} from {@code env}.
     *
     * @param contextParams added to the WAR's own, as an operator would in the container (tests
     *     choose the data directory this way)
     */
    static RunningApp start(Map<String, String> env, Map<String, String> contextParams) throws Exception {
        String host = host(env.get("HOST"));
        int port = port(env.get("PORT"));
        Path war = SampleWar.path();
        Path workDir = Files.createTempDirectory("jwtgate-sample-");
        RunningApp app = ContainerKind.JETTY.deploy(war, host, port, contextParams, workDir);
        if (!app.available()) {
            app.close();
            throw new IllegalStateException("the sample did not start: "
                    + app.startupFailure().map(Throwable::getMessage).orElse("see the log above"));
        }
        return app;
    }

    /** What the operator reads: the address actually bound, and a URL that reaches it. */
    static String banner(RunningApp app) {
        InetSocketAddress bound = app.localAddress();
        String address = bound.getAddress() instanceof Inet6Address
                ? "[" + bound.getAddress().getHostAddress() + "]" : bound.getAddress().getHostAddress();
        String reach = bound.getAddress().isAnyLocalAddress() ? "localhost" : address;
        String scope = bound.getAddress().isAnyLocalAddress() ? "every interface"
                : bound.getAddress().isLoopbackAddress() ? "this machine only; set HOST to change" : "one interface";
        return "JwtGate sample listening on " + address + ":" + bound.getPort() + " (" + scope + "): http://"
                + reach + ":" + bound.getPort() + "/public/health (log in with POST /auth/login; stop with Ctrl+C)";
    }

    private static String host(String value) {
        return value == null || value.isBlank() ? DEFAULT_HOST : value.trim();
    }

    private static int port(String value) {
        if (value == null || value.isBlank()) {
            return 8080;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number from 0 to 65535, not '" + value + "'");
        }
    }
}
