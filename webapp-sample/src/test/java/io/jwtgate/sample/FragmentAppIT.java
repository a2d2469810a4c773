package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.JwtGate;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Keys;
import io.jwtgate.config.Settings;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mindrot.jbcrypt.BCrypt;
import org.slf4j.LoggerFactory;

/**
 * The jar's {@code web-fragment.xml} on its own: an application whose web.xml declares nothing of
 * JwtGate gets it just by having the jar and its dependencies in WEB-INF/lib, refuses to start
 * without a secret, and can switch the fragment off with {@code metadata-complete="true"}.
 */
class FragmentAppIT {

    private static final String SECRET = "a-test-secret-of-more-than-32-bytes-for-hs256";
    private static final String PASSWORD = "carols-password";

    /** One class from each jar the application needs at run time, as the sample WAR ships them. */
    private static final List<Class<?>> RUNTIME_JARS = List.of(JwtAuthFilter.class, JWT.class,
            ObjectMapper.class, JsonFactory.class, JsonProperty.class, BCrypt.class, HikariDataSource.class,
            Driver.class, com.nulabinc.zxcvbn.Zxcvbn.class,
            // HikariCP logs through the SLF4J API, so the WAR carries that jar and its JUL binding as well.
            LoggerFactory.class, org.slf4j.jul.JULServiceProvider.class);

    @TempDir
    Path temp;

    private RunningApp app;

    @AfterEach
    void undeploy() {
        if (app != null) {
            app.close();
        }
    }

    private Path dataDir() {
        return temp.resolve("data");
    }

    private Map<String, String> params(boolean withSecret) {
        Map<String, String> params = new HashMap<>();
        params.put(Keys.DATA_DIR, dataDir().toString());
        params.put(Keys.BCRYPT_COST, "10");
        if (withSecret) {
            params.put(Keys.SIGNING_SECRET, SECRET);
        }
        return params;
    }

    /** An exploded application with one servlet at /hello and JwtGate only in WEB-INF/lib. */
    private Path buildApp(boolean metadataComplete) throws Exception {
        Path root = temp.resolve("app");
        Path lib = Files.createDirectories(root.resolve("WEB-INF/lib"));
        String template;
        try (InputStream in = FragmentAppIT.class.getResourceAsStream("fragment-app/web.xml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(root.resolve("WEB-INF/web.xml"), template
                .formatted(metadataComplete, PrincipalEchoServlet.class.getName()), StandardCharsets.UTF_8);
        for (Class<?> type : RUNTIME_JARS) {
            Path jar = jarOf(type);
            Files.copy(jar, lib.resolve(jar.getFileName()));
        }
        return root;
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(location)) {
            throw new IllegalStateException(type.getName() + " comes from " + location + ", not a jar; run"
                    + " 'mvn install -DskipTests' in the repository root so the tests use the packaged library");
        }
        return location;
    }

    /** Creates a user in the application's store; closed again because H2 locks its file. */
    private void seedUser(String username) {
        // The application runs at the root context, so its store is jwtgate-ROOT.
        Settings settings = Settings.from(List.of(ConfigSource.of("test", params(true))), "");
        try (JwtGate gate = JwtGate.start(settings)) {
            gate.accounts().create(username, null, PASSWORD, Set.of("user"));
        }
    }

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void fragmentWithSecretProtectsHelloAndServesLogin(ContainerKind container) throws Exception {
        seedUser("carol");
        app = container.deploy(buildApp(false), params(true), temp.resolve("work"));
        Http http = new Http(app);
        assertTrue(app.available(), () -> "did not start: " + app.startupFailure());

        HttpResponse<String> anonymous = http.get("/hello");
        HttpResponse<String> login = http.postJson("/auth/login",
                Http.object().put("username", "carol").put("password", PASSWORD), null);

        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals(List.of("Bearer realm=\"jwtgate\""), anonymous.headers().allValues("WWW-Authenticate"));
        assertEquals(200, login.statusCode(), login.body());
        String token = Http.json(login).get("access_token").asText();
        HttpResponse<String> hello = http.get("/hello", token);
        assertEquals(200, hello.statusCode(), hello.body());
        assertEquals("carol", hello.body());
    }

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void fragmentWithoutSecretFailsClosedNamingTheKey(ContainerKind container) throws Exception {
        Path appDir = buildApp(false);
        try (CapturedLog log = new CapturedLog()) {
            app = container.deploy(appDir, params(false), temp.resolve("work"));
            HttpResponse<String> hello = new Http(app).get("/hello");

            assertFalse(app.available(), container + " must not make the application available");
            // Jetty keeps the failed context deployed and answers 503; Tomcat leaves it stopped, so
            // no context matches and Tomcat itself answers 404.
            assertEquals(container == ContainerKind.JETTY ? 503 : 404, hello.statusCode(), hello.body());
            assertFalse(hello.body().contains("anonymous"), hello.body());
            // The refusal itself, not any failure that happens to mention the key.
            String refusal = Keys.SIGNING_SECRET + ": no signing secret is configured";
            if (container == ContainerKind.JETTY) {
                assertEquals(503, hello.statusCode(), hello.body());
                String cause = app.startupFailure().map(Throwable::getMessage).orElse("");
                assertTrue(cause.contains(refusal), cause);
            }
            assertTrue(log.lines().stream().anyMatch(line -> line.contains(refusal)),
                    () -> "no log line says " + refusal + ": " + log.lines());
        }
    }

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void metadataCompleteWebXmlIgnoresFragment(ContainerKind container) throws Exception {
        app = container.deploy(buildApp(true), params(true), temp.resolve("work"));
        Http http = new Http(app);
        assertTrue(app.available(), () -> "did not start: " + app.startupFailure());

        HttpResponse<String> hello = http.get("/hello");
        // GET, because a container's default servlet answers 405 rather than 404 to a POST.
        HttpResponse<String> me = http.get("/auth/me");

        assertEquals(200, hello.statusCode(), hello.body());
        assertEquals("anonymous", hello.body());
        assertEquals(404, me.statusCode(), "no LoginServlet without the fragment: " + me.body());
    }
}
