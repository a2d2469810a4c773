package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import jakarta.servlet.ServletContextListener;
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
 * The JASPIC route among neighbours on one server: {@code /app} and the root application with the
 * module on (sharing one signing secret, as a JVM-wide setting would), {@code /legacy} without JwtGate (its
 * container realm only); and a legacy page that keeps an HTTP session, whose cookie must never stand in
 * for a token. Run once per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaspicNeighboursContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private Path dir;
    private EmbeddedServer server;
    private Http app;
    private Http root;
    private Http legacy;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-jaspic-neighbours");
        server = container().engine().start(List.of(deployment("/app", true), deployment("", true),
                deployment("/legacy", false)), dir.resolve("server"));
        for (String path : List.of("/app", "", "/legacy")) {
            assertTrue(server.available(path), "'" + path + "': " + server.startFailure(path));
        }
        app = new Http(server.port(), "/app");
        root = new Http(server.port(), "");
        legacy = new Http(server.port(), "/legacy");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Deployment deployment(String contextPath, boolean jaspic) throws Exception {
        String name = contextPath.isEmpty() ? "root" : contextPath.substring(1);
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve(name)));
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath().resolve("store")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.jaspic.enabled", Boolean.toString(jaspic));
        Seed.users(p);
        Security security = new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin"), null)),
                Set.of("admin"), Map.of("realmann", new Security.RealmUser("realm-pass", Set.of("admin"))), true);
        if (!jaspic) {
            // A neighbour that does not use JwtGate at all: its realm and constraints only.
            return new Deployment(contextPath, Map.of(), Map.of(), List.of(), List.of(),
                    List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)), null, security);
        }
        List<ServletContextListener> listeners = List.of(new JaspicRegistration());
        return new Deployment(contextPath, p, Map.of("io.jwtgate.clock", clock), listeners,
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1),
                        new Deployment.ServletMapping("cart", SessionMakingServlet.class, "/cart", -1),
                        new Deployment.ServletMapping("adminCart", SessionMakingServlet.class, "/admin/cart", -1)),
                null, security);
    }

    private static JsonNode login(Http http, String user) {
        Http.Response r = http.postJson("/auth/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String principal(Http.Response r) {
        JsonNode body = StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
        return body.get("principal").isNull() ? null : body.get("principal").textValue();
    }

    /** The session cookie a response sets, as a {@code Cookie} header value, or {@code fallback}. */
    private static String sessionCookie(Http.Response r, String fallback) {
        return r.headers("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst().orElse(fallback);
    }

    @Test
    void theRootApplicationsModuleJudgesItsOwnConstraints() {
        String admin = login(root, "admin").get("access_token").textValue();
        Http.Response r = root.bearerGet("/admin/x", admin);
        assertEquals(200, r.status(), r.body());
        assertEquals("admin", principal(r));
        Http.Response none = root.get("/admin/x");
        assertEquals(401, none.status());
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer realm="), none.header("WWW-Authenticate"));
    }

    @Test
    void aTokenOfOneApplicationIsRefusedByItsNeighbourSharingTheSecret() {
        String ofApp = login(app, "admin").get("access_token").textValue();
        String ofRoot = login(root, "admin").get("access_token").textValue();
        Http.Response atRoot = root.bearerGet("/admin/x", ofApp);
        assertEquals(401, atRoot.status(), atRoot.body());
        assertTrue(atRoot.header("WWW-Authenticate").contains("invalid_token"), atRoot.header("WWW-Authenticate"));
        Http.Response atApp = app.bearerGet("/admin/x", ofRoot);
        assertEquals(401, atApp.status(), atApp.body());
    }

    @Test
    void anApplicationWithoutTheModuleKeepsItsRealmAndIsNotJudgedByANeighboursModule() {
        Http.Response realm = legacy.get("/admin/x", "Authorization", ContainerSecurityProbe.basic("realmann", "realm-pass"));
        assertEquals(200, realm.status(), realm.body());
        assertEquals("realmann", principal(realm));
        String ofApp = login(app, "admin").get("access_token").textValue();
        Http.Response bearer = legacy.bearerGet("/admin/x", ofApp);
        assertEquals(401, bearer.status());
        assertTrue(bearer.header("WWW-Authenticate").startsWith("Basic realm=\"legacy\""),
                bearer.header("WWW-Authenticate"));
    }

    @Test
    void anHttpSessionTheApplicationKeepsNeverStandsInForTheTokenOnAConstrainedPage() {
        JsonNode tokens = login(app, "admin");
        String admin = tokens.get("access_token").textValue();
        Http.Response first = app.get("/admin/cart", "Authorization", "Bearer " + admin);
        assertEquals(200, first.status(), first.body());
        String cookie = sessionCookie(first, null);
        assertNotNull(cookie, "the application's session cookie: " + first.headers("Set-Cookie"));
        // A second request with the token and the session: Tomcat may remember the caller in the session.
        Http.Response second = app.get("/admin/cart", "Authorization", "Bearer " + admin, "Cookie", cookie);
        assertEquals(200, second.status(), second.body());
        cookie = sessionCookie(second, cookie);
        Http.Response cookieOnly = app.get("/admin/x", "Cookie", cookie);
        assertEquals(401, cookieOnly.status(), cookieOnly.body());
        Http.Response publicPage = app.get("/cart", "Cookie", cookie);
        assertEquals(200, publicPage.status());
        assertEquals("caller=none", publicPage.body());
    }

    @Test
    void aSignedOutTokenWithTheApplicationsSessionCookieIsStillRefused() {
        JsonNode tokens = login(app, "admin");
        String admin = tokens.get("access_token").textValue();
        Http.Response first = app.get("/admin/cart", "Authorization", "Bearer " + admin);
        String cookie = sessionCookie(first, null);
        assertNotNull(cookie);
        Http.Response second = app.get("/admin/cart", "Authorization", "Bearer " + admin, "Cookie", cookie);
        cookie = sessionCookie(second, cookie);
        Http.Response out = app.post("/auth/logout", "application/json", "{}", "Authorization", "Bearer " + admin);
        assertTrue(out.status() == 200 || out.status() == 204, out.status() + " " + out.body());
        Http.Response after = app.get("/admin/x", "Authorization", "Bearer " + admin, "Cookie", cookie);
        assertEquals(401, after.status(), after.body());
        assertFalse(after.body().contains("\"reached\":\"app\""), after.body());
    }
}
