package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.LoginServlet;
import io.jwtgate.jaspic.JaspicRegistration;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Seed;
import io.jwtgate.support.ServletApiServlet;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Security;
import jakarta.servlet.DispatcherType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Legacy code calling {@code request.login(user, password)} (a home-made login form) on the JASPIC
 * route. Issue 10 (item 5) and docs/security.md promise that {@code login()} checks JwtGate's store with
 * its lockout, and decision 222 that the container's realm is no longer consulted. The application
 * keeps its realm declared, as the migration guide leaves it until the users have moved. Run once per
 * container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaspicServletApiAttackContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private EmbeddedServer server;
    private Http app;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-jaspic-servlet-api");
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve("app")));
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve("app").toAbsolutePath().resolve("store")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.jaspic.enabled", "true");
        Seed.users(p);
        Security security = new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin"), null)),
                Set.of("admin", "user"),
                Map.of("realmann", new Security.RealmUser("realm-pass", Set.of("admin", "user"))), true);
        Deployment legacy = new Deployment("/app", p, Map.of("io.jwtgate.clock", clock), List.of(new JaspicRegistration()),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1),
                        new Deployment.ServletMapping("servletApi", ServletApiServlet.class, "/sec/*", -1)),
                null, security);
        server = container().engine().start(List.of(legacy), dir.resolve("server"));
        assertTrue(server.available("/app"), "/app: " + server.startFailure("/app"));
        app = new Http(server.port(), "/app");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode requestLogin(String user, String password) {
        Http.Response r = app.post("/sec/login", "application/x-www-form-urlencoded",
                "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestLoginRefusesAUserOfTheContainersRealm() {
        JsonNode state = requestLogin("realmann", "realm-pass");
        assertTrue(state.has("loginError"), state.toString());
        assertTrue(state.get("principal").isNull(), state.toString());
        assertEquals(false, state.get("isUser").booleanValue(), state.toString());
    }

    @Test
    void requestLoginChecksTheUserAgainstJwtGatesStore() {
        JsonNode state = requestLogin("alice", Seed.PASSWORD);
        assertTrue(!state.has("loginError"), state.toString());
        assertEquals("alice", state.get("principal").textValue(), state.toString());
    }

    @Test
    void wrongPasswordsThroughRequestLoginCountTowardTheLockout() {
        for (int i = 0; i < 5; i++) {
            JsonNode state = requestLogin("bob", "wrong password " + i);
            assertTrue(state.has("loginError"), state.toString());
        }
        Http.Response login = app.postJson("/auth/login",
                "{\"username\":\"bob\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(429, login.status(), "status of /auth/login after five wrong request.login() passwords");
    }
}
