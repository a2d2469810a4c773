package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import io.jwtgate.support.Eventually;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13, item 8: the sample WAR with {@code jwtgate.jdbc.datasource=jdbc/jwtgate} and the
 * container's own pool declared the way docs/operations.md shows it, Tomcat's
 * {@code META-INF/context.xml} and Jetty's {@code WEB-INF/jetty-env.xml}, on the real PostgreSQL
 * and MariaDB servers. The files are the documented ones; only the example connection details
 * are replaced by the throw-away schema's.
 */
class JndiDataSourceIT {

    private static final String DEMO_PASSWORD = "jndi-demo-password";
    private static final String RESOURCES = "/io/jwtgate/sample/jndi/";

    /** Where a container reads the application's DataSource declaration, and how it deploys. */
    enum Declaration {
        TOMCAT_CONTEXT_XML("context.xml", "META-INF/context.xml"),
        JETTY_ENV_XML("jetty-env.xml", "WEB-INF/jetty-env.xml");

        final String resource;
        final String pathInWar;

        Declaration(String resource, String pathInWar) {
            this.resource = resource;
            this.pathInWar = pathInWar;
        }

        RunningApp deploy(Path app, Map<String, String> params, Path work) throws Exception {
            return this == TOMCAT_CONTEXT_XML ? JndiDeployments.tomcat(app, params, work)
                    : JndiDeployments.jetty(app, params, work);
        }
    }

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Declaration.class)
    void onPostgresqlTheAppStartsALoginWorksAndTheSchemaIsInTheServer(Declaration declaration) throws Exception {
        startLogInAndFindTheSchema(declaration, RealDatabase.POSTGRESQL, "org.postgresql.Driver");
    }

    @ParameterizedTest
    @EnumSource(Declaration.class)
    void onMariadbTheAppStartsALoginWorksAndTheSchemaIsInTheServer(Declaration declaration) throws Exception {
        startLogInAndFindTheSchema(declaration, RealDatabase.MARIADB, "org.mariadb.jdbc.Driver");
    }

    @ParameterizedTest
    @EnumSource(Declaration.class)
    void operationsGuideShowsTheFileThisTestDeploys(Declaration declaration) throws IOException {
        Path guide = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("operations.md");
        String documented = Files.readString(guide, StandardCharsets.UTF_8);

        assertTrue(documented.contains(resource(declaration).strip()),
                declaration.resource + " differs from the one docs/operations.md shows");
    }

    @Test
    void theWarCarriesBothDrivers() throws IOException {
        try (ZipFile war = new ZipFile(SampleWar.path().toFile())) {
            assertTrue(war.stream().map(ZipEntry::getName).anyMatch(n -> n.matches("WEB-INF/lib/postgresql-[0-9.]+\\.jar")));
            assertTrue(war.stream().map(ZipEntry::getName)
                    .anyMatch(n -> n.matches("WEB-INF/lib/mariadb-java-client-[0-9.]+\\.jar")));
        }
    }

    /**
     * Push on PostgreSQL through the container's pool: the listener's connection comes from the
     * JNDI DataSource (a pool's wrapper, the driver in the container's {@code lib/} or the WAR), not
     * from a URL. Polling would take an hour here, so only a pushed revocation refuses in time.
     */
    @ParameterizedTest
    @EnumSource(Declaration.class)
    void onPostgresqlARevocationByAnotherNodeIsPushedThroughTheContainersPool(Declaration declaration)
            throws Exception {
        Secrets.remember(DEMO_PASSWORD);
        try (RealDatabase.Schema schema = SampleDatabases.create(RealDatabase.POSTGRESQL)) {
            Path app = withDeclaration(declaration, schema, "org.postgresql.Driver");
            Map<String, String> params = new HashMap<>(params());
            params.put(Keys.REVOCATION_REFRESH_INTERVAL, "PT1H");
            params.put(Keys.REVOCATION_MAX_STALENESS, "PT2H");

            try (RunningApp running = declaration.deploy(app, params, temp.resolve("work"))) {
                assertTrue(running.available(), running.startupFailure().map(Throwable::toString)
                        .orElse(declaration + " did not start the sample"));
                Http http = new Http(running);
                HttpResponse<String> login = http.postJson("/auth/login",
                        Http.object().put("username", "alice").put("password", DEMO_PASSWORD), null);
                assertEquals(200, login.statusCode(), login.body());
                JsonNode tokens = new ObjectMapper()
                        .readTree(login.body());
                String access = tokens.get("access_token").textValue();
                assertEquals(200, http.get("/api/hello", access).statusCode());

                Map<String, String> otherNode = new HashMap<>();
                otherNode.put(Keys.JDBC_URL, schema.url());
                otherNode.put(Keys.JDBC_USERNAME, schema.user());
                otherNode.put(Keys.DATA_DIR, temp.resolve("other-node").toString());
                // Its own key: ending a session by its refresh token verifies no access token.
                byte[] key = new byte[48];
                new java.security.SecureRandom().nextBytes(key);
                String secret = "base64:" + java.util.Base64.getEncoder().encodeToString(key);
                Secrets.remember(secret);
                otherNode.put(Keys.SIGNING_SECRET, secret);
                // The application's context path: sessions belong to one application's audience.
                try (JwtGate other = JwtGate.start(Settings.from(
                        List.of(ConfigSource.of("other node", otherNode)), ""))) {
                    assertTrue(other.sessions().endSessionOf(tokens.get("refresh_token").textValue(), "logout",
                            "127.0.0.1"), "the other node did not find the session");
                }
                int status = Eventually.within(Duration.ofSeconds(10)).every(Duration.ofMillis(50))
                        .lastOf(() -> http.get("/api/hello", access).statusCode(), s -> s != 200);
                assertEquals(401, status, "a session ended on another node is still accepted after 10 s: nothing"
                        + " was pushed through " + declaration);
            }
        }
    }

    private Map<String, String> params() {
        return Map.of(Keys.JDBC_DATASOURCE, "jdbc/jwtgate", Keys.DATA_DIR, temp.resolve("data").toString(),
                Keys.BCRYPT_COST, "10", "demo.password", DEMO_PASSWORD);
    }

    /** The exploded sample with the documented declaration, pointed at {@code schema}. */
    private Path withDeclaration(Declaration declaration, RealDatabase.Schema schema, String driver)
            throws IOException {
        Path app = explode(SampleWar.path(), temp.resolve("app"));
        String xml = replace(resource(declaration), Map.of("org.postgresql.Driver", driver,
                "jdbc:postgresql://db.internal:5432/app", schema.url(),
                declaration == Declaration.TOMCAT_CONTEXT_XML ? "username=\"jwtgate\"" : ">jwtgate<",
                declaration == Declaration.TOMCAT_CONTEXT_XML ? "username=\"" + schema.user() + "\""
                        : ">" + schema.user() + "<",
                "change-me", ""));
        Path file = app.resolve(declaration.pathInWar);
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return app;
    }

    private void startLogInAndFindTheSchema(Declaration declaration, RealDatabase engine, String driver)
            throws Exception {
        Secrets.remember(DEMO_PASSWORD);
        try (RealDatabase.Schema schema = SampleDatabases.create(engine)) {
            Path app = withDeclaration(declaration, schema, driver);

            try (RunningApp running = declaration.deploy(app, params(), temp.resolve("work"))) {
                assertTrue(running.available(), running.startupFailure().map(Throwable::toString)
                        .orElse(declaration + " did not start the sample"));
                HttpResponse<String> login = new Http(running).postJson("/auth/login",
                        Http.object().put("username", "alice").put("password", DEMO_PASSWORD), null);
                assertEquals(200, login.statusCode(), login.body());
            }

            try (Connection c = DriverManager.getConnection(schema.url(), schema.user(), "");
                    PreparedStatement s = c.prepareStatement(
                            "SELECT COUNT(*) FROM jwtgate_audit_events WHERE event = ? AND username = ?")) {
                s.setString(1, "login_success");
                s.setString(2, "alice");
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1), "the login was recorded through the container's pool");
                }
            }
            Path data = temp.resolve("data");
            if (Files.isDirectory(data)) {
                try (java.util.stream.Stream<Path> files = Files.list(data)) {
                    assertTrue(files.noneMatch(f -> f.toString().endsWith(".mv.db")), "no H2 store beside it");
                }
            }
        }
    }

    private static String resource(Declaration declaration) throws IOException {
        try (InputStream in = JndiDataSourceIT.class.getResourceAsStream(RESOURCES + declaration.resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Each documented value must be there, so a change to the file cannot silently keep the example's. */
    private static String replace(String text, Map<String, String> replacements) {
        String result = text;
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            assertTrue(result.contains(r.getKey()), r.getKey() + " is no longer in the documented file");
            result = result.replace(r.getKey(), r.getValue());
        }
        return result;
    }

    private static Path explode(Path war, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the application: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return into;
    }
}
