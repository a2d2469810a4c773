package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Security;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Roles and the login endpoints on the JASPIC route, in the layout most legacy applications use: one
 * catch-all constraint ({@code /*} for {@code **}) with {@code /auth/*} carved out as docs/jaspic.md
 * asks, {@code /staff/*} for {@code *} (any role the web.xml declares: admin, user) and {@code /admin/*}
 * for admin. Run once per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaspicRolesAttackContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private EmbeddedServer server;
    private Http app;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-jaspic-roles");
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve("app")));
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve("app").toAbsolutePath().resolve("store")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("jwtgate.jaspic.enabled", "true");
        Seed.users(p);
        Security security = new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/*"), Set.of(), Set.of(), List.of("**"), null),
                        new Security.Constraint(List.of("/auth/*"), Set.of(), Set.of(), null, null),
                        new Security.Constraint(List.of("/staff/*"), Set.of(), Set.of(), List.of("*"), null),
                        new Security.Constraint(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin"), null)),
                Set.of("admin", "user"), Map.of(), true);
        Deployment legacy = new Deployment("/app", p, Map.of("io.jwtgate.clock", clock), List.of(new JaspicRegistration()),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)),
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

    private JsonNode login(String json) {
        Http.Response r = app.postJson("/auth/login", json);
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private String token(String user) {
        return login("{\"username\":\"" + user + "\",\"password\":\"" + Seed.PASSWORD + "\"}")
                .get("access_token").textValue();
    }

    @Test
    void everyPageUnderTheCatchAllConstraintGetsJwtGatesChallengeWithoutCredentials() {
        for (String path : List.of("/", "/x", "/index.jsp", "/staff/x", "/admin/x")) {
            Http.Response r = app.get(path);
            assertEquals(401, r.status(), path + " " + r.body());
            assertTrue(r.header("WWW-Authenticate").startsWith("Bearer realm="), path);
        }
    }

    @Test
    void refreshWorksWithAStaleAccessTokenStillInTheAuthorizationHeader() {
        JsonNode tokens = login("{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        String access = tokens.get("access_token").textValue();
        clock.advance(Duration.ofMinutes(16));
        try {
            Http.Response r = app.postJson("/auth/refresh",
                    "{\"refresh_token\":\"" + tokens.get("refresh_token").textValue() + "\"}",
                    "Authorization", "Bearer " + access);
            assertEquals(200, r.status(), r.body());
        } finally {
            clock.advance(Duration.ofMinutes(-16));
        }
    }

    @Test
    void starRoleAdmitsADeclaredRoleAndRefusesARoleTheWebXmlDoesNotDeclare() {
        Http.Response user = app.bearerGet("/staff/x", token("alice"));
        assertEquals(200, user.status(), user.body());
        Http.Response guest = app.bearerGet("/staff/x", token("bob"));
        assertEquals(403, guest.status(), guest.body());
        Http.Response anyAuthenticated = app.bearerGet("/x", token("bob"));
        assertEquals(200, anyAuthenticated.status(), anyAuthenticated.body());
    }

    @Test
    void aTokenWhoseScopesDoNotCoverTheAdminRoleDoesNotCarryItIntoTheConstraint() {
        String narrowed = login("{\"username\":\"admin\",\"password\":\"" + Seed.PASSWORD
                + "\",\"scopes\":[\"messages:read\"]}").get("access_token").textValue();
        Http.Response r = app.bearerGet("/admin/x", narrowed);
        assertFalse(r.status() == 200, r.body());
        Http.Response isAdmin = app.bearerGet("/x", narrowed);
        if (isAdmin.status() == 200) {
            assertTrue(isAdmin.body().contains("\"isAdmin\":false"), isAdmin.body());
        }
    }

    @Test
    void anAccessTokenInTheQueryStringIsRefusedWith400InvalidRequest() {
        Http.Response r = app.get("/admin/x?access_token=" + token("admin"));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("\"invalid_request\""), r.body());
    }
}
