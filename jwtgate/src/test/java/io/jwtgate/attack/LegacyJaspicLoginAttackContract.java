package io.jwtgate.attack;

import static io.jwtgate.attack.LegacyLoginFixtures.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.JwtGate;
import io.jwtgate.LoginServlet;
import io.jwtgate.attack.LegacyLoginFixtures.Db;
import io.jwtgate.jaspic.JaspicRegistration;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.Http;
import io.jwtgate.support.Secrets;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The legacy digests and the realm table through the other doors of the JASPIC route
 * ({@code jwtgate.jaspic.enabled=true}): Basic answered by the module under the app's own BASIC constraint on
 * {@code /api/*}, and {@code HttpServletRequest.login}. Each door must upgrade the digest once and never accept the
 * digest text as a password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LegacyJaspicLoginAttackContract {

    private static final String PW = "jaspic legacy password 1";
    private static final String REALM_PW = "jaspic realm password 2";

    static {
        Secrets.remember(PW);
        Secrets.remember(REALM_PW);
    }

    private EmbeddedServer server;
    private Http app;
    private Db db;
    private Map<String, String> forms;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-legacy-jaspic");
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve("app")));
        String url = "jdbc:h2:file:" + dir.resolve("app").toAbsolutePath().resolve("store") + ";DB_CLOSE_ON_EXIT=FALSE";
        db = new Db(url, "");
        db.execute("CREATE TABLE users (user_name VARCHAR(40) PRIMARY KEY, user_pass VARCHAR(700))");
        db.execute("CREATE TABLE user_roles (user_name VARCHAR(40), role_name VARCHAR(64))");
        p.put("jwtgate.jdbc.url", url);
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.jaspic.enabled", "true");
        p.put("jwtgate.login.max-failures", "1000");
        p.put("jwtgate.login.address-max-failures", "100000");
        p.put("jwtgate.legacy.users-table", "users");
        p.put("jwtgate.legacy.user-column", "user_name");
        p.put("jwtgate.legacy.credential-column", "user_pass");
        p.put("jwtgate.legacy.roles-table", "user_roles");
        p.put("jwtgate.legacy.role-column", "role_name");
        forms = LegacyLoginFixtures.storedForms(PW);
        try (JwtGate gate = JwtGate.start(TestSettings.settings(p))) {
            for (String name : forms.keySet()) {
                gate.accounts().create("b" + name, null, PW, Set.of("user"));
                gate.accounts().create("s" + name, null, PW, Set.of("user"));
            }
        }
        Security security = new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/api/*"), Set.of(), Set.of(), List.of("user"), null)),
                Set.of("admin", "user"), Map.of(), true);
        Deployment legacy = new Deployment("/app", p, Map.of(), List.of(new JaspicRegistration()),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("default", EchoServlet.class, "/", -1),
                        new Deployment.ServletMapping("prefix", EchoServlet.class, "/api/*", -1),
                        new Deployment.ServletMapping("servlet-api-public", ServletApiServlet.class, "/public/sec/*",
                                -1)),
                null, security);
        server = container().engine().start(List.of(legacy), dir.resolve("server"));
        assertTrue(server.available("/app"), "/app: " + server.startFailure("/app"));
        app = new Http(server.port(), "/app");
        for (Map.Entry<String, String> f : forms.entrySet()) {
            for (String prefix : new String[] {"b", "s"}) {
                assertEquals(1, db.update("UPDATE jwtgate_users SET password_hash = ? WHERE username = ?",
                        f.getValue(), prefix + f.getKey()));
            }
        }
        db.update("INSERT INTO users (user_name, user_pass) VALUES (?, ?)", "jrealm",
                LegacyLoginFixtures.md5Hex(REALM_PW));
        db.update("INSERT INTO user_roles (user_name, role_name) VALUES (?, ?)", "jrealm", "user");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static boolean reachedApp(Http.Response r) {
        return r.status() == 200 && r.body().contains("\"reached\":\"app\"");
    }

    private JsonNode servletLogin(String user, String password) {
        Http.Response r = app.post("/public/sec/login", "application/x-www-form-urlencoded",
                "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicThroughTheModuleUpgradesEachDigestOnceAndNeverTakesTheDigestText() throws Exception {
        for (Map.Entry<String, String> f : forms.entrySet()) {
            String name = "b" + f.getKey();
            for (String variant : LegacyLoginFixtures.passTheHash(f.getValue())) {
                Http.Response r = app.get("/api/x", "Authorization", basic(name, variant));
                assertFalse(reachedApp(r), name + " reached the app with its digest text");
            }
            assertEquals(f.getValue(), db.hashOf(name), name);
            Http.Response ok = app.get("/api/x", "Authorization", basic(name, PW));
            assertTrue(reachedApp(ok), name + ": " + ok.status() + " " + ok.body());
            assertTrue(db.hashOf(name).startsWith("$2a$10$"), name + " became bcrypt through the module");
            for (String variant : LegacyLoginFixtures.passTheHash(f.getValue())) {
                assertFalse(reachedApp(app.get("/api/x", "Authorization", basic(name, variant))), name);
            }
        }
    }

    @Test
    void requestLoginUpgradesEachDigestOnceAndNeverTakesTheDigestText() throws Exception {
        for (Map.Entry<String, String> f : forms.entrySet()) {
            String name = "s" + f.getKey();
            for (String variant : LegacyLoginFixtures.passTheHash(f.getValue())) {
                JsonNode body = servletLogin(name, variant);
                assertTrue(body.hasNonNull("loginError"), name + " logged in with its digest text: " + body);
            }
            assertEquals(f.getValue(), db.hashOf(name), name);
            JsonNode ok = servletLogin(name, PW);
            assertFalse(ok.hasNonNull("loginError"), name + ": " + ok);
            assertEquals(name, ok.get("remoteUser").textValue());
            assertTrue(db.hashOf(name).startsWith("$2a$10$"), name + " became bcrypt through request.login");
        }
    }

    @Test
    void aRealmUserIsAdoptedThroughTheModuleOnlyWithTheRealPassword() throws Exception {
        String digest = LegacyLoginFixtures.md5Hex(REALM_PW);
        assertFalse(reachedApp(app.get("/api/x", "Authorization", basic("jrealm", digest))));
        assertTrue(servletLogin("jrealm", digest).hasNonNull("loginError"));
        assertNull(db.hashOf("jrealm"));
        Http.Response ok = app.get("/api/x", "Authorization", basic("jrealm", REALM_PW));
        assertTrue(reachedApp(ok), ok.status() + " " + ok.body());
        assertTrue(db.hashOf("jrealm").startsWith("$2a$10$"));
    }
}
