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
 * An outside attack on the JASPIC route ({@code jwtgate.jaspic.enabled=true}) over real HTTP: a legacy
 * application with servlets mapped exactly, by prefix, by extension and as the default servlet, the
 * container's constraints ({@code /admin/*} for admin, GET/POST {@code /api/*} for user, {@code /account/*}
 * for {@code **}) and explicit {@code jwtgate.rules} on top of them for paths the constraints leave open
 * ({@code /reports/**} for role admin, {@code /internal/**} denied). Each probe names the behaviour an
 * operator is promised (docs/jaspic.md, decision 214). Run once per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaspicAttackContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private EmbeddedServer server;
    private Http app;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-jaspic-attack");
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve("app")));
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve("app").toAbsolutePath().resolve("store")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.jaspic.enabled", "true");
        p.put("jwtgate.rules", "/reports/** -> role:admin; /internal/** -> deny; /** -> permit");
        Seed.users(p);
        Security security = new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin"), null),
                        new Security.Constraint(List.of("/api/*"), Set.of("GET", "POST"), Set.of(), List.of("user"),
                                null),
                        new Security.Constraint(List.of("/account/*"), Set.of(), Set.of(), List.of("**"), null)),
                Set.of("admin", "user"),
                Map.of("realmann", new Security.RealmUser("realm-pass", Set.of("admin", "user"))),
                true);
        Deployment legacy = new Deployment("/app", p, Map.of("io.jwtgate.clock", clock),
                List.of(new JaspicRegistration()),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("default", EchoServlet.class, "/", -1),
                        new Deployment.ServletMapping("prefix", EchoServlet.class, "/api/*", -1),
                        new Deployment.ServletMapping("reports", EchoServlet.class, "/reports/*", -1),
                        new Deployment.ServletMapping("extension", EchoServlet.class, "*.do", -1),
                        new Deployment.ServletMapping("exact", EchoServlet.class, "/admin/exact", -1)),
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

    private JsonNode login(String user) {
        Http.Response r = app.postJson("/auth/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private String token(String user) {
        return login(user).get("access_token").textValue();
    }

    /** Whether the answer is the application's echo, i.e. the request reached a servlet. */
    private static boolean reachedApp(Http.Response r) {
        return r.status() == 200 && r.body().contains("\"reached\":\"app\"");
    }

    // --- explicit jwtgate.rules on paths the container's constraints leave open (decision 214) ---

    @Test
    void explicitRoleRuleRefusesAnAnonymousCallerOnAPathTheConstraintsLeaveOpen() {
        Http.Response r = app.get("/reports/q");
        assertEquals(401, r.status(), r.body());
        assertFalse(reachedApp(r), r.body());
    }

    @Test
    void explicitRoleRuleRefusesATokenWithoutTheRoleOnAPathTheConstraintsLeaveOpen() {
        Http.Response r = app.bearerGet("/reports/q", token("alice"));
        assertEquals(403, r.status(), r.body());
    }

    @Test
    void explicitDenyRuleRefusesEveryoneOnAPathTheConstraintsLeaveOpen() {
        assertEquals(403, app.get("/internal/x").status());
        assertEquals(403, app.bearerGet("/internal/x", token("admin")).status());
    }

    @Test
    void explicitRoleRuleCannotBeDodgedWithPathTricksOnAPathTheConstraintsLeaveOpen() {
        for (String target : List.of("/app/reports;x=1/q", "/app/%72eports/q", "/app//reports/q",
                "/app/public/../reports/q", "/app/reports/%2e/q", "/app/reports/q.do", "/app/reports/..;/reports/q")) {
            Http.Response r = app.raw("GET", target, List.of(), null);
            assertFalse(reachedApp(r) && r.body().contains("\"path\":\"/reports"), target + " -> " + r.body());
        }
    }

    // --- the container's constraints with the module ---

    @Test
    void adminConstraintHoldsForEveryServletMappingAndPathTrick() {
        for (String target : List.of("/app/admin/x", "/app/admin/exact", "/app/admin/x.do", "/app/admin",
                "/app/admin;x=1/x", "/app//admin/x", "/app/%61dmin/x", "/app/public/../admin/x",
                "/app/admin/..;/admin/x", "/app/admin/%2e/x", "/app/admin/x%2Fy", "/app/./admin/x")) {
            Http.Response r = app.raw("GET", target, List.of(), null);
            assertFalse(reachedApp(r), target + " -> " + r.status() + " " + r.body());
        }
    }

    @Test
    void adminConstraintHoldsForEveryMethodAUserTokenTries() {
        String user = token("alice");
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "FOO", "get")) {
            Http.Response r = app.raw(method, "/app/admin/x", List.of("Authorization: Bearer " + user,
                    "X-HTTP-Method-Override: GET"), null);
            assertFalse(reachedApp(r), method + " -> " + r.status() + " " + r.body());
            assertTrue(r.status() == 403 || r.status() == 400 || r.status() == 501 || r.status() == 405,
                    method + " -> " + r.status());
        }
    }

    @Test
    void refreshTokenIsNoAccessTokenOnAConstrainedPage() {
        String refresh = login("admin").get("refresh_token").textValue();
        Http.Response r = app.bearerGet("/admin/x", refresh);
        assertEquals(401, r.status(), r.body());
        assertTrue(r.header("WWW-Authenticate").contains("invalid_token"), r.header("WWW-Authenticate"));
    }

    @Test
    void containerRealmUserCannotSignInThroughTheModule() {
        Http.Response r = app.get("/admin/x", "Authorization", ContainerSecurityProbe.basic("realmann", "realm-pass"));
        assertEquals(401, r.status(), r.body());
    }

    @Test
    void twoAuthorizationHeadersOnAConstrainedPageAreRefusedNotAdmittedNorA500() {
        String admin = token("admin");
        Http.Response r = app.raw("GET", "/app/admin/x", List.of("Authorization: Bearer " + admin,
                "Authorization: Bearer forged.token.value"), null);
        assertFalse(reachedApp(r), r.body());
        assertTrue(r.status() == 400 || r.status() == 401, r.status() + " " + r.body());
    }

    @Test
    void oddAuthorizationHeadersGet401Or400NeverA500() {
        for (String header : List.of("Bearer " + "a".repeat(6000), "Bearer \u00e9t\u00e9.x.y", "Bearer ",
                "Bearer a.b", "bearer  x.y.z", "Basic !!!", "Basic " + "QQ==".repeat(1000), "Negotiate abc")) {
            Http.Response r = app.raw("GET", "/app/admin/x", List.of("Authorization: " + header), null);
            assertFalse(reachedApp(r), header.substring(0, Math.min(20, header.length())));
            assertTrue(r.status() == 400 || r.status() == 401 || r.status() == 431,
                    header.substring(0, Math.min(20, header.length())) + " -> " + r.status() + " " + r.body());
        }
    }

    @Test
    void oddBasicCredentialsOnAConstrainedPageGet401Or400NeverA500() {
        String admin = token("admin");
        for (String pair : List.of("\u00e4dmin:" + Seed.PASSWORD, "admin", "admin:" + admin, ":" + Seed.PASSWORD,
                "admin:" + "x".repeat(5000), "adm\u0000in:" + Seed.PASSWORD, "admin\r\nX-Injected: 1:pw")) {
            Http.Response r = app.raw("GET", "/app/admin/x", List.of("Authorization: Basic "
                    + java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))), null);
            assertFalse(reachedApp(r), "Basic credentials #" + pair.length());
            assertTrue(r.status() == 400 || r.status() == 401, "Basic credentials #" + pair.length() + " -> "
                    + r.status() + " " + r.body());
            assertTrue(r.headers("X-Injected").isEmpty());
        }
    }

    @Test
    void manyAuthorizationHeadersOnAConstrainedPageAreRefusedNotA500() {
        String admin = token("admin");
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("Authorization: Bearer " + admin);
        }
        Http.Response r = app.raw("GET", "/app/admin/x", lines, null);
        assertFalse(reachedApp(r), String.valueOf(r.status()));
        assertTrue(r.status() == 400 || r.status() == 401 || r.status() == 431, String.valueOf(r.status()));
    }

    @Test
    void constrainedPagesWithoutCredentialsGetJwtGatesBearerChallengeOnEveryMapping() {
        for (String path : List.of("/admin/x", "/admin/exact", "/admin/x.do", "/api/x", "/account/x")) {
            Http.Response r = app.get(path);
            assertEquals(401, r.status(), path);
            assertTrue(r.headers("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("Bearer realm=")),
                    path + " " + r.headers("WWW-Authenticate"));
        }
    }
}
