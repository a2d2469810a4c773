package io.jwtgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.LoginServlet;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Security;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Report-only in an application the container still secures with its own BASIC login-config (the
 * first step of the migration guide): the container authenticates its realm user before the filter,
 * JwtGate reports what it would have refused, and the application still sees the container's caller
 * (decision 297), so switching report-only on changes nothing the pages see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportOnlyBesideContainerSecurityContract {

    private static final String REALM_USER = "realmbob";
    private static final String REALM_PASSWORD = "realm-secret-3Kq9";

    private Path dir;
    private EmbeddedServer server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-report-beside");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.url", TestSettings.appStoreUrl(dir));
        params.put("jwtgate.enforcement", "report-only");
        Seed.users(params);
        Security security = new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/legacy/*"), Set.of(), Set.of(), List.of("user"), null)),
                Set.of("user"), Map.of(REALM_USER, new Security.RealmUser(REALM_PASSWORD, Set.of("user"))), false);
        server = container().engine().start(List.of(new Deployment(Container.CONTEXT_PATH, params, Map.of(), List.of(),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("LoginServlet", LoginServlet.class, "/auth/*", 1),
                        new Deployment.ServletMapping("legacy", EchoServlet.class, "/legacy/*", -1),
                        new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)),
                null, security)), dir.resolve("server"));
        assertTrue(server.available(Container.CONTEXT_PATH), server.startFailure(Container.CONTEXT_PATH));
        http = new Http(server.port(), Container.CONTEXT_PATH);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private List<JsonNode> reports() throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir));
                PreparedStatement p = c.prepareStatement(
                        "SELECT details FROM jwtgate_audit_events WHERE event = ? ORDER BY occurred_at")) {
            p.setString(1, WouldRefuseAudit.EVENT);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(StrictJson.parse(rs.getString(1).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return rows;
    }

    @Test
    void realmCallerTheContainerAuthenticatedStaysVisibleWhileJwtGateReportsNoCredentials() throws Exception {
        int before = reports().size();
        Http.Response r = http.get("/legacy/orders", "Authorization", basic(REALM_USER, REALM_PASSWORD));
        assertEquals(200, r.status(), r.body());
        JsonNode body = StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(REALM_USER, body.get("principal").asText(), r.body());
        assertTrue(body.get("isUser").asBoolean(), r.body());
        List<JsonNode> after = reports();
        assertEquals(before + 1, after.size());
        // With jwtgate.basic-auth off JwtGate ignores the Basic header: it would have asked for credentials.
        assertEquals("no_credentials", after.get(after.size() - 1).get("reason").asText());
    }

    @Test
    void containerStillChallengesItsConstrainedPagesAndJwtGateNeverSeesThoseRequests() throws Exception {
        int before = reports().size();
        Http.Response r = http.get("/legacy/orders");
        assertEquals(401, r.status());
        assertTrue(String.join(",", r.headers().getOrDefault("www-authenticate", List.of())).startsWith("Basic"),
                r.headers().toString());
        assertEquals(before, reports().size());
    }

    @Test
    void anonymousRequestOutsideTheConstraintsPassesAndIsReported() throws Exception {
        int before = reports().size();
        Http.Response r = http.get("/home");
        assertEquals(200, r.status(), r.body());
        assertTrue(StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8)).get("principal").isNull(), r.body());
        assertEquals(before + 1, reports().size());
    }
}
