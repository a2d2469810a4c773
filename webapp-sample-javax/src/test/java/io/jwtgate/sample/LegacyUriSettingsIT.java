package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee8.webapp.WebAppContext;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 (javax only): the sample WAR in Jetty 12 ee8 and Tomcat 9 with the URI
 * settings operators of legacy applications turn on (Jetty {@code UriCompliance.LEGACY} /
 * {@code UNSAFE}, Tomcat {@code encodedSolidusHandling=decode|passthrough},
 * {@code encodedReverseSolidusHandling=decode}). No hostile path may reach a protected servlet's
 * output anonymously or the admin area as alice. Prints every answer with -Dlegacy-uri.print.
 */
class LegacyUriSettingsIT {

    @TempDir
    Path temp;

    static final List<String> TARGETS = List.of("/admin%2freports", "/public%2f..%2fadmin%2freports",
            "/public/..%2fadmin/reports", "/public%2f%2e%2e%2fadmin/reports", "/admin%5creports",
            "/public/..%5cadmin/reports", "/public%5c..%5cadmin/reports", "//admin/reports", "/public/%2e%2e/admin/reports",
            "/public/..;/admin/reports", "/public/health/..%3b/..%3b/admin/reports", "/admin%2freports.do",
            "/public%2fx.do", "/public/x%2f..%2f..%2fadmin%2freports", "/api%2fhello", "/auth%2f..%2fadmin/reports",
            "/auth/..%2f..%2fadmin/reports", "/public%2fhealth", "/public/health%2f..%2f..%2fadmin%2freports",
            "/%2e%2e/admin/reports", "/admin/reports%2f%2e%2e%2f%2e%2e%2fpublic%2fhealth");

    private static List<String> leaks(RunningApp app, String alice) throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String target : TARGETS) {
            RawHttp.Response anon = RawHttp.send(app.port(), "GET", target, null);
            RawHttp.Response asAlice = RawHttp.send(app.port(), "GET", target, alice);
            if (Boolean.getBoolean("legacy-uri.print")) {
                System.out.println(target + " anon=" + anon + " alice=" + asAlice);
            }
            for (String area : List.of("admin area", "api area", "legacy action", "sample home", "Hello,")) {
                // /public/x.do is the *.do servlet under the /public/** permit rule: served anonymously by design.
                if (anon.body().contains(area) && !anon.body().contains("\"action\":\"/public")) {
                    leaks.add("anonymous " + target + " -> " + anon);
                }
            }
            if (asAlice.body().contains("admin area")) {
                leaks.add("alice " + target + " -> " + asAlice);
            }
        }
        return leaks;
    }

    private static String login(RunningApp app) throws Exception {
        Http http = new Http(app);
        var response = http.postJson("/auth/login", Http.object().put("username", "alice")
                .put("password", AttackDeployment.PASSWORD), null);
        return Http.json(response).get("access_token").asText();
    }

    private Map<String, String> seededParams(Path dir) throws Exception {
        // AttackDeployment seeds and deploys; here only its parameters and seed are wanted, so deploy
        // once through it in Tomcat (closed again) to get the users into the store.
        AttackDeployment.deploy(ContainerKind.TOMCAT, dir).close();
        return Map.of("jwtgate.data-dir", dir.resolve("data").toString(), "demo.password", AttackDeployment.PASSWORD,
                "jwtgate.bcrypt.cost", "10", "jwtgate.signing.secret", HostileTokens.SECRET,
                "jwtgate.rate-limit.burst", "1000000");
    }

    @Test
    void jettyEe8WithLegacyOrUnsafeUriComplianceNeverServesAProtectedServlet() throws Exception {
        assumeTrue(javax.servlet.Servlet.class != null);
        List<String> leaks = new ArrayList<>();
        for (UriCompliance compliance : List.of(UriCompliance.LEGACY, UriCompliance.UNSAFE)) {
            Path dir = temp.resolve("jetty-" + compliance.getName());
            Map<String, String> params = seededParams(dir);
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setUriCompliance(compliance);
            server.addConnector(connector);
            WebAppContext webapp = new WebAppContext();
            webapp.setContextPath("/");
            webapp.setWar(SampleWar.path().toAbsolutePath().toString());
            webapp.setTempDirectory(Files.createDirectories(dir.resolve("jetty")).toFile());
            params.forEach(webapp::setInitParameter);
            server.setHandler(webapp);
            server.start();
            try {
                RunningApp app = new PortOnly(connector.getLocalPort());
                for (String leak : leaks(app, login(app))) {
                    leaks.add(compliance.getName() + ": " + leak);
                }
            } finally {
                server.stop();
            }
        }
        assertFalse(!leaks.isEmpty(), String.join("\n", leaks));
    }

    @Test
    void tomcat9WithDecodedOrPassedThroughEncodedSlashesNeverServesAProtectedServlet() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String[] setting : List.of(new String[] {"decode", "decode"}, new String[] {"passthrough", "passthrough"})) {
            Path dir = temp.resolve("tomcat-" + setting[0]);
            Map<String, String> params = seededParams(dir);
            Path base = Files.createDirectories(dir.resolve("tomcat"));
            Files.createDirectories(base.resolve("webapps"));
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            tomcat.setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            tomcat.getConnector().setEncodedSolidusHandling(setting[0]);
            tomcat.getConnector().setEncodedReverseSolidusHandling(setting[1]);
            Context context = tomcat.addWebapp("", SampleWar.path().toAbsolutePath().toString());
            ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
            params.forEach(context::addParameter);
            tomcat.start();
            try {
                RunningApp app = new PortOnly(tomcat.getConnector().getLocalPort());
                for (String leak : leaks(app, login(app))) {
                    leaks.add("encodedSolidusHandling=" + setting[0] + ": " + leak);
                }
            } finally {
                tomcat.stop();
                tomcat.destroy();
            }
        }
        assertFalse(!leaks.isEmpty(), String.join("\n", leaks));
    }

    /** Just a port, for Http and RawHttp. */
    private record PortOnly(int port) implements RunningApp {
        public java.net.InetSocketAddress localAddress() {
            return new java.net.InetSocketAddress("127.0.0.1", port);
        }

        public boolean available() {
            return true;
        }

        public java.util.Optional<Throwable> startupFailure() {
            return java.util.Optional.empty();
        }

        public javax.servlet.ServletContext servletContext() {
            throw new UnsupportedOperationException();
        }

        public void join() {
        }

        public void close() {
        }
    }
}
