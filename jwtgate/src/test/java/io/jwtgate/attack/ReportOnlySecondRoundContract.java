package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.LoginServlet;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.ServletApiServlet;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Security;
import jakarta.servlet.DispatcherType;
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
 * Second-round review of decision 297 (report-only passes anonymous requests unwrapped): credentials
 * JwtGate rejects must never show up as a JwtGate caller, neither as the principal nor as a
 * {@code jwtgate.*} attribute, also where the container's realm has a user of the same name as
 * JwtGate's store and authenticates it itself. Run once per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportOnlySecondRoundContract {

    // The realm's alice: the same name as the store's alice, another password and the role admin.
    private static final String REALM_PASSWORD = "realm-pass-Zq81";

    private EmbeddedServer server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-report-second-round");
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve("app")));
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve("app").toAbsolutePath().resolve("store")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("jwtgate.enforcement", "report-only");
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.rules", "/reports/** -> role:admin; /** -> permit");
        Seed.users(p);
        Security security = new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/legacy/*"), Set.of(), Set.of(), List.of("admin"), null)),
                Set.of("admin", "user"), Map.of("alice", new Security.RealmUser(REALM_PASSWORD, Set.of("admin"))), false);
        server = container().engine().start(List.of(new Deployment("/ro", p, Map.of(), List.of(),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("sec", ServletApiServlet.class, "/sec/*", -1),
                        new Deployment.ServletMapping("legacy", ServletApiServlet.class, "/legacy/*", -1),
                        new Deployment.ServletMapping("reports", ServletApiServlet.class, "/reports/*", -1)),
                null, security)), dir.resolve("server"));
        assertTrue(server.available("/ro"), server.startFailure("/ro"));
        http = new Http(server.port(), "/ro");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode json(Http.Response r) {
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNoJwtGateCaller(JsonNode state) {
        assertTrue(state.get("username").isNull(), "jwtgate.username: " + state);
        assertTrue(state.get("authMethod").isNull(), "jwtgate.auth_method: " + state);
    }

    private String token(String user) {
        Http.Response r = http.postJson("/auth/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8)).get("access_token").textValue();
    }

    @Test
    void wrongBasicPasswordOnAnOpenPageLeavesNoCallerAndNoJwtGateAttribute() {
        JsonNode state = json(http.get("/sec/whoami", "Authorization", ContainerSecurityProbe.basic("alice", "wrong")));
        assertTrue(state.get("principal").isNull(), state.toString());
        assertNoJwtGateCaller(state);
    }

    @Test
    void forgedBearerTokenOnARuleProtectedPageLeavesNoCallerAndNoJwtGateAttribute() {
        String good = token("admin");
        String forged = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
        JsonNode state = json(http.get("/reports/whoami", "Authorization", "Bearer " + forged));
        assertTrue(state.get("principal").isNull(), state.toString());
        assertEquals(false, state.get("isUser").booleanValue(), state.toString());
        assertNoJwtGateCaller(state);
    }

    @Test
    void signedOutTokenPassesAnonymouslyWithNoJwtGateAttribute() {
        String admin = token("admin");
        Http.Response out = http.post("/auth/logout", "application/json", "{}", "Authorization", "Bearer " + admin);
        assertTrue(out.status() == 200 || out.status() == 204, out.status() + " " + out.body());
        JsonNode state = json(http.bearerGet("/reports/whoami", admin));
        assertTrue(state.get("principal").isNull(), state.toString());
        assertNoJwtGateCaller(state);
    }

    @Test
    void realmUserNamedLikeAStoreUserIsTheContainersCallerNotJwtGates() {
        JsonNode state = json(http.get("/legacy/whoami", "Authorization",
                ContainerSecurityProbe.basic("alice", REALM_PASSWORD)));
        assertEquals("alice", state.get("principal").asText(), "the container's caller stays (decision 297): " + state);
        assertNoJwtGateCaller(state);
    }

    @Test
    void storeUsersRightPasswordIsJwtGatesCallerOnAnOpenPage() {
        JsonNode state = json(http.get("/sec/whoami", "Authorization", ContainerSecurityProbe.basic("alice",
                Seed.PASSWORD)));
        assertEquals("alice", state.get("principal").asText(), state.toString());
        assertEquals("alice", state.get("username").asText(), state.toString());
    }
}
