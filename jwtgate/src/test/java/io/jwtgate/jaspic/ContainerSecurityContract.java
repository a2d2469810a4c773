package io.jwtgate.jaspic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.Http;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Security;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The test support's {@link Security}: each engine applies a legacy web.xml's {@code <login-config>},
 * constraints and realm the way the container does, without JwtGate in the application at all. The
 * JASPIC tests rely on this baseline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContainerSecurityContract {

    private Path dir;
    private EmbeddedServer server;
    private Http http;

    abstract Container container();

    /** The legacy application: BASIC against the container's realm, /admin/* for admin, GET/POST /api/* for user. */
    static Security legacySecurity(boolean jaspic) {
        return new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin"), null),
                        new Security.Constraint(List.of("/api/*"), Set.of("GET", "POST"), Set.of(), List.of("user"),
                                null),
                        new Security.Constraint(List.of("/closed/*"), Set.of(), Set.of(), List.of(), null),
                        new Security.Constraint(List.of("/any/*"), Set.of(), Set.of(), List.of("**"), null)),
                Set.of("admin", "user"),
                Map.of("ann", new Security.RealmUser("ann-pass", Set.of("admin", "user")),
                        "bob", new Security.RealmUser("bob-pass", Set.of("user"))),
                jaspic);
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-container-security");
        Deployment app = new Deployment(Container.CONTEXT_PATH, Map.of(), Map.of(), List.of(), List.of(),
                List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)), null,
                legacySecurity(false));
        server = container().engine().start(List.of(app), dir.resolve("server"));
        http = new Http(server.port(), Container.CONTEXT_PATH);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void constrainedPageWithoutCredentialsGetsTheContainersBasicChallenge() {
        Http.Response r = http.get("/admin/x");
        assertEquals(401, r.status());
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic realm=\"legacy\""), r.header("WWW-Authenticate"));
    }

    @Test
    void realmUserWithTheRoleReachesThePageAsItsPrincipal() throws Exception {
        Http.Response r = http.get("/admin/x", "Authorization", basic("ann", "ann-pass"));
        assertEquals(200, r.status(), r.body());
        JsonNode body = StrictJson.mapper().readTree(r.body());
        assertEquals("ann", body.get("principal").asText());
        assertTrue(body.get("isAdmin").asBoolean());
    }

    @Test
    void realmUserWithoutTheRoleGets403() {
        assertEquals(403, http.get("/admin/x", "Authorization", basic("bob", "bob-pass")).status());
    }

    @Test
    void wrongRealmPasswordGets401() {
        assertEquals(401, http.get("/admin/x", "Authorization", basic("ann", "wrong")).status());
    }

    @Test
    void httpMethodLimitedConstraintLeavesOtherMethodsOpen() {
        assertEquals(401, http.get("/api/x").status());
        assertEquals(200, http.raw("PUT", Container.CONTEXT_PATH + "/api/x", List.of(), "").status());
    }

    @Test
    void emptyAuthConstraintDeniesEveryone() {
        assertEquals(403, http.get("/closed/x", "Authorization", basic("ann", "ann-pass")).status());
    }

    @Test
    void doubleStarRoleAdmitsAnyAuthenticatedUser() {
        assertEquals(401, http.get("/any/x").status());
        assertEquals(200, http.get("/any/x", "Authorization", basic("bob", "bob-pass")).status());
    }

    @Test
    void unconstrainedPageIsAnonymous() throws Exception {
        Http.Response r = http.get("/public/x");
        assertEquals(200, r.status());
        assertTrue(StrictJson.mapper().readTree(r.body()).get("principal").isNull());
        assertNull(r.header("WWW-Authenticate"));
    }
}
