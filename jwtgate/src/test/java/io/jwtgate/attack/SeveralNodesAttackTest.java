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
import io.jwtgate.support.Eventually;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TcpProxy;
import io.jwtgate.support.TestDatabase;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import io.jwtgate.support.engine.EmbeddedServer;
import io.jwtgate.support.engine.Security;
import jakarta.servlet.DispatcherType;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An outsider's probes of several nodes on one real database (issue 13) that found nothing, kept
 * as tests. The container under test is the parameter (Jetty or Tomcat); where two nodes take part
 * the other node is the other container. Every answer is checked on the servlets mapped exact
 * ({@code /api/hello}), by prefix ({@code /admin/*}, {@code /api/*}), by extension ({@code *.do})
 * and default ({@code /}). What the probes found is in the {@code *SeveralNodesFindingsTest} classes.
 */
class SeveralNodesAttackTest {

    /** Every kind of servlet mapping of the test application (Container.ECHO_MAPPINGS). */
    private static final List<String> PATHS = List.of("/api/hello", "/admin/x", "/api/x", "/x.do", "/x");
    private static final Eventually EVENTUALLY = Eventually.within(Duration.ofSeconds(20));

    @TempDir
    Path dir;

    private static Container other(Container c) {
        return c == Container.JETTY ? Container.TOMCAT : Container.JETTY;
    }

    private Map<String, String> params(String url, String node) throws Exception {
        Map<String, String> p = TestSettings.params(Files.createTempDirectory(dir, node));
        p.put("jwtgate.jdbc.url", url);
        p.put("jwtgate.rules", "/** -> authenticated");
        return p;
    }

    /**
     * A logout on the other node reaches the node under test by PostgreSQL push alone (the poll is
     * an hour away) and is refused there on every kind of mapping, never a 500.
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void aLogoutOnTheOtherNodeIsRefusedOnEveryMappingByPushAlone(Container container) throws Exception {
        try (RealDatabase.Schema schema = RealDatabase.POSTGRESQL.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            for (Map<String, String> p : List.of(paramsA, paramsB)) {
                p.put("jwtgate.revocation.refresh-interval", "PT1H");
                p.put("jwtgate.revocation.max-staleness", "PT2H");
                p.put("jwtgate.revocation.push", "true");
            }
            Seed.users(paramsA);
            try (Container.Running nodeA = other(container).start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = container.start(paramsB, Files.createTempDirectory(dir, "wb"))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                String live = login(a).get("access_token").textValue();
                String ending = login(a).get("access_token").textValue();
                for (String path : PATHS) {
                    assertEquals(200, b.bearerGet(path, ending).status(), path);
                }
                assertEquals(204, a.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + ending)
                        .status());
                EVENTUALLY.until("B refuses the logged-out token",
                        () -> b.bearerGet("/api/hello", ending).status() == 401);
                for (String path : PATHS) {
                    assertEquals(401, b.bearerGet(path, ending).status(), path);
                    assertEquals(200, b.bearerGet(path, live).status(), path + ": another session stays good");
                }
            }
        }
    }

    /**
     * What a client puts in {@code DELETE /auth/token/{jti}} never reaches SQL or the NOTIFY
     * channel unprepared: quotes, semicolons, a forged {@code pg_notify} and a LISTEN-channel name
     * are unknown ids (404), the log gains no row, and both nodes keep answering.
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void hostileTokenIdsInDeleteAreUnknownIdsAndReachNeitherSqlNorTheChannel(Container container,
            RealDatabase server) throws Exception {
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            Seed.users(paramsA);
            try (Container.Running nodeA = container.start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = other(container).start(paramsB, Files.createTempDirectory(dir, "wb"))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                String access = login(a).get("access_token").textValue();
                long rowsBefore = logRows(url);
                for (String jti : List.of("x'%3B%20DELETE%20FROM%20jwtgate_revocation_log%3B--",
                        "x')%3B%20SELECT%20pg_notify('jwtgate_revocations'%2C'x')%3B--",
                        "jwtgate_revocations", "%25", "*", "..%2F..%2Fauth%2Flogout")) {
                    Http.Response r = a.raw("DELETE", Container.CONTEXT_PATH + "/auth/token/" + jti,
                            List.of("Authorization: Bearer " + access), null);
                    assertTrue(r.status() == 404 || r.status() == 400, jti + " -> " + r.status() + " " + r.body());
                }
                assertEquals(rowsBefore, logRows(url), "no revocation was written");
                for (String path : PATHS) {
                    assertEquals(200, a.bearerGet(path, access).status(), path);
                    assertEquals(200, b.bearerGet(path, access).status(), path);
                }
            }
        }
    }

    /**
     * With the node's store cut (a TCP proxy), past {@code max-staleness} on the injected clock every
     * kind of mapping answers a Bearer request 503 with Retry-After, a revoked token included: never
     * 200, 401 or 500; when the store returns, every mapping answers again by itself.
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void pastTheStalenessBoundEveryMappingAnswers503AndRecovers(Container container, RealDatabase server)
            throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        int port = server == RealDatabase.POSTGRESQL ? 5432 : 3306;
        try (RealDatabase.Schema schema = server.create(); TcpProxy proxy = new TcpProxy("127.0.0.1", port)) {
            String url = TestDatabase.withUser(schema).replace(":" + port + "/", ":" + proxy.port() + "/");
            Map<String, String> params = params(url, "n");
            params.put("jwtgate.revocation.refresh-interval", "PT0.5S");
            params.put("jwtgate.revocation.max-staleness", "PT10S");
            Seed.users(params);
            try (Container.Running app = container.start(params, Files.createTempDirectory(dir, "w"),
                    Map.of("io.jwtgate.clock", clock))) {
                Http http = app.http();
                String live = login(http).get("access_token").textValue();
                String revoked = login(http).get("access_token").textValue();
                assertEquals(204, http.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + revoked)
                        .status());
                int failuresBefore = count("revocations not refreshed, keeping the ones in memory");
                proxy.cut();
                EVENTUALLY.until("a refresh fails while the store is away",
                        () -> count("revocations not refreshed, keeping the ones in memory") > failuresBefore);
                clock.advance(Duration.ofSeconds(11));
                for (String path : PATHS) {
                    for (String token : List.of(live, revoked)) {
                        Http.Response r = http.bearerGet(path, token);
                        assertEquals(503, r.status(), path + " " + r.body());
                        assertEquals("5", r.header("Retry-After"), path);
                    }
                }
                proxy.restore();
                EVENTUALLY.until("recovers when the store returns",
                        () -> http.bearerGet("/api/hello", live).status() == 200);
                for (String path : PATHS) {
                    assertEquals(200, http.bearerGet(path, live).status(), path);
                    assertEquals(401, http.bearerGet(path, revoked).status(), path);
                }
            }
        }
    }

    /**
     * The metrics MBean never holds what a client sent: after logins with a hostile name, wrong
     * passwords and fifty distinct forged Bearer values, no attribute of any {@code io.jwtgate} MBean
     * contains the name, a password, a token or the JDBC URL, and the refusals by reason stay a
     * fixed, small set of keys (no tag per client value).
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void theMetricsMBeanHoldsNoClientValueAndNoUnboundedReasons(Container container) throws Exception {
        Map<String, String> params = TestSettings.params(Files.createTempDirectory(dir, "m"));
        params.put("jwtgate.rules", "/** -> authenticated");
        Seed.users(params);
        String hostileName = "probe-name-" + Long.toHexString(System.nanoTime());
        try (Container.Running app = container.start(params, Files.createTempDirectory(dir, "wm"))) {
            Http http = app.http();
            String access = login(http).get("access_token").textValue();
            assertEquals(200, http.bearerGet("/api/hello", access).status());
            http.postJson("/auth/login", "{\"username\":\"" + hostileName + "\",\"password\":\"wrong-" + hostileName
                    + "\"}");
            for (int i = 0; i < 50; i++) {
                http.bearerGet("/api/x", "forged." + hostileName + "." + i);
                http.get("/x.do", "Authorization", "Scheme-" + i + " " + hostileName);
            }
            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = mbeans.queryNames(
                    new ObjectName("io.jwtgate:*"), null);
            assertTrue(!names.isEmpty(), "the application's MBean is registered");
            String jdbcUrl = params.get("jwtgate.jdbc.url");
            for (ObjectName name : names) {
                assertTrue(!name.toString().contains(hostileName), name.toString());
                for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
                    String value = String.valueOf(mbeans.getAttribute(name, attribute.getName()));
                    assertTrue(!value.contains(hostileName), attribute.getName() + " holds the client's value");
                    assertTrue(!value.contains(access), attribute.getName() + " holds a token");
                    assertTrue(jdbcUrl == null || !value.contains(jdbcUrl), attribute.getName() + " holds the JDBC URL");
                }
                if ("Metrics".equals(name.getKeyProperty("type"))) {
                    Object byReason = mbeans.getAttribute(name, "TokensRefusedByReason");
                    int reasons = ((TabularData) byReason).size();
                    assertTrue(reasons <= 10, "refusal reasons are a fixed set, not one per client value: " + reasons);
                }
            }
        }
    }

    /**
     * A node that was down while the other node logged a session out and revoked a token by id
     * refuses both on every mapping as soon as it is back (its start-up load), with its poll an hour
     * away and push off; a token of another session stays good.
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aNodeRestartedAfterRevocationsElsewhereRefusesThemOnEveryMapping(Container container, RealDatabase server)
            throws Exception {
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            for (Map<String, String> p : List.of(paramsA, paramsB)) {
                p.put("jwtgate.revocation.refresh-interval", "PT1H");
                p.put("jwtgate.revocation.max-staleness", "PT2H");
                p.put("jwtgate.revocation.push", "false");
            }
            Seed.users(paramsA);
            try (Container.Running nodeA = other(container).start(paramsA, Files.createTempDirectory(dir, "wa"))) {
                Http a = nodeA.http();
                String live = login(a).get("access_token").textValue();
                String loggedOut = login(a).get("access_token").textValue();
                JsonNode deleted = login(a);
                try (Container.Running nodeB = container.start(paramsB, Files.createTempDirectory(dir, "wb"))) {
                    assertEquals(200, nodeB.http().bearerGet("/api/hello", loggedOut).status());
                }
                assertEquals(204, a.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + loggedOut)
                        .status());
                Http.Response del = a.raw("DELETE", Container.CONTEXT_PATH + "/auth/token/" + deleted.get("id").textValue(),
                        List.of("Authorization: Bearer " + deleted.get("access_token").textValue()), null);
                assertEquals(204, del.status(), del.body());
                try (Container.Running nodeB = container.start(paramsB, Files.createTempDirectory(dir, "wb2"))) {
                    Http b = nodeB.http();
                    for (String path : PATHS) {
                        assertEquals(401, b.bearerGet(path, loggedOut).status(), path + ": logged out while B was down");
                        assertEquals(401, b.bearerGet(path, deleted.get("access_token").textValue()).status(),
                                path + ": deleted while B was down");
                        assertEquals(200, b.bearerGet(path, live).status(), path);
                    }
                }
            }
        }
    }

    /**
     * In JASPIC mode the module answers past the staleness bound as the filter does: 503 with
     * Retry-After on every kind of mapping (container-constrained or not), for a live and a revoked
     * token; never 200, 401 or 500; and it recovers by itself.
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void inJaspicModePastTheStalenessBoundEveryMappingAnswers503AndRecovers(Container container) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (RealDatabase.Schema schema = RealDatabase.POSTGRESQL.create();
                TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            Map<String, String> p = params(TestDatabase.withUser(schema).replace(":5432/", ":" + proxy.port() + "/"), "j");
            p.put("jwtgate.jaspic.enabled", "true");
            p.put("jwtgate.revocation.refresh-interval", "PT0.5S");
            p.put("jwtgate.revocation.max-staleness", "PT10S");
            Seed.users(p);
            Security security = new Security("BASIC", "legacy",
                    List.of(new Security.Constraint(List.of("/admin/*"), Set.of(),
                            Set.of(), List.of("user"), null)),
                    Set.of("user"), Map.of(), true);
            Deployment app = new Deployment(Container.CONTEXT_PATH, p,
                    Map.of("io.jwtgate.clock", clock), List.of(new JaspicRegistration()),
                    List.of(new Deployment.FilterMapping("JwtAuthFilter",
                            JwtAuthFilter.class, "/*",
                            EnumSet.of(DispatcherType.REQUEST,
                                    DispatcherType.FORWARD))),
                    List.of(new Deployment.ServletMapping("LoginServlet",
                                    LoginServlet.class, "/auth/*", 1),
                            new Deployment.ServletMapping("default",
                                    EchoServlet.class, "/", -1),
                            new Deployment.ServletMapping("admin",
                                    EchoServlet.class, "/admin/*", -1),
                            new Deployment.ServletMapping("prefix",
                                    EchoServlet.class, "/api/*", -1),
                            new Deployment.ServletMapping("extension",
                                    EchoServlet.class, "*.do", -1),
                            new Deployment.ServletMapping("exact",
                                    EchoServlet.class, "/api/hello", -1)),
                    null, security);
            EmbeddedServer server = container.engine().start(List.of(app),
                    Files.createTempDirectory(dir, "js"));
            try {
                assertTrue(server.available(Container.CONTEXT_PATH), server.startFailure(Container.CONTEXT_PATH));
                Http http = new Http(server.port(), Container.CONTEXT_PATH);
                String live = login(http).get("access_token").textValue();
                String revoked = login(http).get("access_token").textValue();
                assertEquals(204, http.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + revoked)
                        .status());
                int failuresBefore = count("revocations not refreshed, keeping the ones in memory");
                proxy.cut();
                EVENTUALLY.until("a refresh fails while the store is away",
                        () -> count("revocations not refreshed, keeping the ones in memory") > failuresBefore);
                clock.advance(Duration.ofSeconds(11));
                for (String path : PATHS) {
                    for (String token : List.of(live, revoked)) {
                        Http.Response r = http.bearerGet(path, token);
                        assertEquals(503, r.status(), path + " " + r.body());
                        assertEquals("5", r.header("Retry-After"), path);
                    }
                }
                proxy.restore();
                EVENTUALLY.until("recovers when the store returns",
                        () -> http.bearerGet("/api/hello", live).status() == 200);
                for (String path : PATHS) {
                    assertEquals(200, http.bearerGet(path, live).status(), path);
                    assertEquals(401, http.bearerGet(path, revoked).status(), path);
                }
            } finally {
                server.close();
            }
        }
    }

    private static int count(String text) {
        return (int) LogCapture.lines().stream().filter(l -> l.contains(text)).count();
    }

    private static long logRows(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM jwtgate_revocation_log");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }
}
