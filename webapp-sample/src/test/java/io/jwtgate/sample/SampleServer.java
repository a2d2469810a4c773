package io.jwtgate.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the packaged sample WAR in embedded Jetty for trying it out by hand:
 * {@code mvn -q -DskipTests install && mvn -q -f webapp-sample/pom.xml -DskipTests package exec:java}.
 * Listens on the port in the environment variable {@code PORT} (default 8080) until stopped.
 */
public final class SampleServer {

    private SampleServer() {
    }

    /**
     * @param args ignored; configuration comes from the environment like in a real deployment
     */
    public static void main(String[] args) throws Exception {
        int port = port(System.getenv("PORT"));
        Path war = SampleWar.path();
        Path workDir = Files.createTempDirectory("jwtgate-sample-");
        RunningApp app = ContainerKind.JETTY.deploy(war, null, port, Map.of(), workDir);
        if (!app.available()) {
            app.close();
            throw new IllegalStateException("the sample did not start: "
                    + app.startupFailure().map(Throwable::getMessage).orElse("see the log above"));
        }
        // Ctrl+C should undeploy cleanly: listeners run, the pool closes and H2 shuts its file.
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "sample-server-shutdown"));
        System.out.println("JwtGate sample running at http://localhost:" + app.port() + "/public/health"
                + " (log in with POST /auth/login; stop with Ctrl+C)");
        app.join();
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
