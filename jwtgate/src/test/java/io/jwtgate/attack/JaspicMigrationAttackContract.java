package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.LoginServlet;
import io.jwtgate.jaspic.JaspicRegistration;
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
 * Basic credentials on the JASPIC route during and after migration: {@code /nobasic}
 * ({@code jwtgate.basic-auth=off}) and {@code /basic} ({@code allow}), both with the module on, a
 * container realm still declared, {@code /admin/*} for admin and {@code /account/*} for {@code **}.
 * Run once per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaspicMigrationAttackContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private Path dir;
    private EmbeddedServer server;
    private Http noBasic;
    private Http basic;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-jaspic-migration");
        server = container().engine().start(List.of(deployment("/nobasic", "off"), deployment("/basic", "allow")),
                dir.resolve("server"));
        for (String path : List.of("/nobasic", "/basic")) {
            assertTrue(server.available(path), path + ": " + server.startFailure(path));
        }
        noBasic = new Http(server.port(), "/nobasic");
        basic = new Http(server.port(), "/basic");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Deployment deployment(String contextPath, String basicAuth) throws Exception {
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve(contextPath.substring(1))));
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve(contextPath.substring(1)).toAbsolutePath()
                .resolve("store") + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("jwtgate.basic-auth", basicAuth);
        p.put("jwtgate.jaspic.enabled", "true");
        Seed.users(p);
        Security security = new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin"), null),
                        new Security.Constraint(List.of("/account/*"), Set.of(), Set.of(), List.of("**"), null)),
                Set.of("admin", "user"),
                Map.of("realmann", new Security.RealmUser("realm-pass", Set.of("admin", "user")),
                        "alice", new Security.RealmUser("realm-alice", Set.of("admin"))),
                true);
        return new Deployment(contextPath, p, Map.of("io.jwtgate.clock", clock), List.of(new JaspicRegistration()),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)),
                null, security);
    }

    private static boolean reachedApp(Http.Response r) {
        return r.status() == 200 && r.body().contains("\"reached\":\"app\"");
    }

    @Test
    void withBasicOffTheStoresOwnUsersCannotUseBasicAndNoBasicChallengeIsOffered() {
        Http.Response r = noBasic.get("/account/x", "Authorization", ContainerSecurityProbe.basic("alice", Seed.PASSWORD));
        assertEquals(401, r.status(), r.body());
        assertFalse(reachedApp(r));
        Http.Response none = noBasic.get("/account/x");
        assertEquals(401, none.status());
        assertTrue(none.headers("WWW-Authenticate").stream().noneMatch(h -> h.startsWith("Basic")),
                none.headers("WWW-Authenticate").toString());
    }

    @Test
    void theContainersRealmUsersGetNothingWhetherBasicIsOffOrAllowed() {
        for (Http http : List.of(noBasic, basic)) {
            Http.Response realm = http.get("/admin/x", "Authorization",
                    ContainerSecurityProbe.basic("realmann", "realm-pass"));
            assertEquals(401, realm.status(), realm.body());
            // The realm's password of a name JwtGate's store also holds is no JwtGate password either.
            Http.Response sameName = http.get("/admin/x", "Authorization",
                    ContainerSecurityProbe.basic("alice", "realm-alice"));
            assertEquals(401, sameName.status(), sameName.body());
        }
    }

    @Test
    void basicOfTheStoreSatisfiesTheConstraintWhileAllowed() {
        Http.Response r = basic.get("/admin/x", "Authorization", ContainerSecurityProbe.basic("admin", Seed.PASSWORD));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("\"principal\":\"admin\""), r.body());
    }

    @Test
    void wrongBasicPasswordsThroughTheModuleLockTheAccountLikeTheLoginEndpoint() {
        for (int i = 0; i < 5; i++) {
            Http.Response wrong = basic.get("/account/x", "Authorization",
                    ContainerSecurityProbe.basic("bob", "wrong password " + i));
            assertEquals(401, wrong.status(), wrong.body());
        }
        Http.Response right = basic.get("/account/x", "Authorization", ContainerSecurityProbe.basic("bob", Seed.PASSWORD));
        assertFalse(reachedApp(right), right.body());
        assertTrue(right.status() == 429 || right.status() == 401, right.status() + " " + right.body());
        Http.Response login = basic.postJson("/auth/login",
                "{\"username\":\"bob\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(429, login.status(), login.body());
    }
}
