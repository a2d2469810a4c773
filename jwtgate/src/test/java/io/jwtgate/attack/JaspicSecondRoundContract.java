package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.jaspic.JaspicRegistration;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.EchoServlet;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Second-round review of the JASPIC fixes: the lazy start under many first requests at once
 * (decisions 292-295), and the servlet security API of JwtGate's request in JASPIC mode (decision
 * 306). Each cold application is hit by one test only, so it is cold when that test begins. Run once
 * per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaspicSecondRoundContract {

    private static final int THREADS = 24;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private Path dir;
    private EmbeddedServer server;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-jaspic-second-round");
        Map<String, String> broken = params("coldbroken");
        broken.remove("jwtgate.signing.secret");
        broken.remove("jwtgate.jwt.secret");
        server = container().engine().start(List.of(
                jaspicOnly("/cold", params("cold")),
                jaspicOnly("/coldbroken", broken),
                withFilter("/gate", params("gate")),
                rewriting("/rw")), dir.resolve("server"));
        for (String path : List.of("/cold", "/coldbroken", "/gate", "/rw")) {
            assertTrue(server.available(path), path + ": " + server.startFailure(path));
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Map<String, String> params(String name) throws Exception {
        Map<String, String> p = TestSettings.params(Files.createDirectories(dir.resolve(name)));
        p.put("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath().resolve("store")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.jaspic.enabled", "true");
        Seed.users(p);
        return p;
    }

    private static Security security() {
        return new Security("BASIC", "legacy",
                List.of(new Security.Constraint(List.of("/admin/*"), Set.of(), Set.of(), List.of("admin"), null),
                        new Security.Constraint(List.of("/account/*"), Set.of(), Set.of(), List.of("**"), null)),
                Set.of("admin", "user"),
                Map.of("realmann", new Security.RealmUser("realm-pass", Set.of("admin", "user"))), true);
    }

    /** Nothing but the module: JwtGate starts on the first request the container asks it about. */
    private Deployment jaspicOnly(String contextPath, Map<String, String> p) {
        return new Deployment(contextPath, p, Map.of("io.jwtgate.clock", clock), List.of(new JaspicRegistration()),
                List.of(), List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1)), null, security());
    }

    private Deployment withFilter(String contextPath, Map<String, String> p) {
        return new Deployment(contextPath, p, Map.of("io.jwtgate.clock", clock), List.of(new JaspicRegistration()),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD))),
                List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1),
                        new Deployment.ServletMapping("servletApi", ServletApiServlet.class, "/sec/*", -1),
                        new Deployment.ServletMapping("servletApiAccount", ServletApiServlet.class, "/account/sec/*", -1)),
                null, security());
    }

    /** An application filter ahead of JwtGate's forwards to pages an explicit rule protects. */
    private Deployment rewriting(String contextPath) throws Exception {
        Map<String, String> p = params(contextPath.substring(1));
        p.put("jwtgate.rules", "/reports/** -> role:admin; /** -> permit");
        EnumSet<DispatcherType> fragment = EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD,
                DispatcherType.ASYNC, DispatcherType.ERROR);
        return new Deployment(contextPath, p, Map.of("io.jwtgate.clock", clock), List.of(new JaspicRegistration()),
                List.of(new Deployment.FilterMapping("rewrite", RewritingFilter.class, "/*"),
                        new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*", fragment)),
                List.of(new Deployment.ServletMapping("echo", EchoServlet.class, "/", -1),
                        new Deployment.ServletMapping("reports", ServletApiServlet.class, "/reports/*", -1)),
                null, security());
    }

    private static String basic(String user, String password) {
        return ContainerSecurityProbe.basic(user, password);
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code THREADS} requests released at once; answers "status principal" in request order. */
    private List<String> atOnce(Http http, List<List<String>> headers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(headers.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (List<String> h : headers) {
                Callable<String> call = () -> {
                    go.await();
                    Http.Response r = http.get("/admin/x", h.toArray(String[]::new));
                    String who = r.status() == 200 ? String.valueOf(json(r).get("principal").asText()) : "-";
                    return r.status() + " " + who;
                };
                answers.add(pool.submit(call));
            }
            go.countDown();
            List<String> out = new ArrayList<>();
            for (Future<String> f : answers) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyFirstRequestsAtOnceOnAColdJaspicAppAreEachJudgedByOneJwtGate() throws Exception {
        Http cold = new Http(server.port(), "/cold");
        List<List<String>> headers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            switch (i % 3) {
                case 0 -> {
                    headers.add(List.of());
                    expected.add("401 -");
                }
                case 1 -> {
                    headers.add(List.of("Authorization", basic("admin", Seed.PASSWORD)));
                    expected.add("200 admin");
                }
                default -> {
                    headers.add(List.of("Authorization", basic("realmann", "realm-pass")));
                    expected.add("401 -");
                }
            }
        }
        // The log capture outlives one container's run: count what this burst adds.
        long before = startsOfCold();
        assertEquals(expected, atOnce(cold, headers));
        assertEquals(1, startsOfCold() - before, "JwtGate starts once for /cold");
    }

    private static long startsOfCold() {
        return LogCapture.lines().stream().filter(l -> l.contains("JwtGate started for /cold:")).count();
    }

    @Test
    void manyFirstRequestsAtOnceOnAJaspicAppThatCannotStartAreAll503() throws Exception {
        Http broken = new Http(server.port(), "/coldbroken");
        List<List<String>> headers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            headers.add(i % 2 == 0 ? List.of() : List.of("Authorization", basic("admin", Seed.PASSWORD)));
            expected.add("503 -");
        }
        assertEquals(expected, atOnce(broken, headers));
    }

    private JsonNode requestLogin(String path, String user, String password, String... headers) {
        Http gate = new Http(server.port(), "/gate");
        Http.Response r = gate.post(path, "application/x-www-form-urlencoded",
                "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8), headers);
        assertEquals(200, r.status(), r.body());
        return json(r);
    }

    @Test
    void requestLoginByAnAlreadyAuthenticatedCallerOnAnOpenPageThrowsAndKeepsTheCaller() {
        JsonNode state = requestLogin("/sec/login", "admin", Seed.PASSWORD,
                "Authorization", basic("alice", Seed.PASSWORD));
        assertTrue(state.has("loginError"), state.toString());
        assertEquals("alice", state.get("principal").asText(), state.toString());
    }

    @Test
    void requestLoginByAnAlreadyAuthenticatedCallerOnAConstrainedPageThrowsAndKeepsTheCaller() {
        JsonNode state = requestLogin("/account/sec/login", "admin", Seed.PASSWORD,
                "Authorization", basic("alice", Seed.PASSWORD));
        assertTrue(state.has("loginError"), state.toString());
        assertEquals("alice", state.get("principal").asText(), state.toString());
    }

    @Test
    void requestLoginWithARealmUserOnAConstrainedPageIsRefused() {
        JsonNode state = requestLogin("/account/sec/login", "realmann", "realm-pass",
                "Authorization", basic("alice", Seed.PASSWORD));
        assertTrue(state.has("loginError"), state.toString());
        assertEquals("alice", state.get("principal").asText(), state.toString());
    }

    @Test
    void successfulRequestLoginCreatesNoHttpSessionAndIsNotRememberedForTheNextRequest() {
        Http gate = new Http(server.port(), "/gate");
        Http.Response r = gate.post("/sec/login", "application/x-www-form-urlencoded",
                "user=alice&password=" + URLEncoder.encode(Seed.PASSWORD, StandardCharsets.UTF_8));
        JsonNode state = json(r);
        assertTrue(!state.has("loginError"), state.toString());
        assertEquals("alice", state.get("principal").asText(), state.toString());
        assertEquals(false, state.get("session").booleanValue(), "no HttpSession: " + state);
        assertEquals(List.of(), r.headers("Set-Cookie"), "nothing for the client to come back with");
        Http.Response next = gate.get("/account/sec/whoami");
        assertEquals(401, next.status(), next.body());
    }

    @Test
    void anApplicationFilterForwardingAheadOfJwtGateCannotDodgeAnExplicitRule() {
        Http rw = new Http(server.port(), "/rw");
        assertEquals(401, rw.get("/pretty/whoami").status(), "anonymous");
        assertEquals(403, rw.get("/pretty/whoami", "Authorization", basic("alice", Seed.PASSWORD)).status(), "alice");
        assertEquals(401, rw.get("/pretty/whoami", "Authorization", basic("realmann", "realm-pass")).status(),
                "the realm's user");
        Http.Response admin = rw.get("/pretty/whoami", "Authorization", basic("admin", Seed.PASSWORD));
        assertEquals("admin", json(admin).get("principal").asText(), admin.body());
        assertEquals(401, rw.get("/reports/whoami").status(), "the page itself, anonymous");
    }

    @Test
    void requestLogoutOfABasicCallerLeavesNoCallerOnTheRestOfTheRequest() {
        Http gate = new Http(server.port(), "/gate");
        Http.Response r = gate.get("/account/sec/logout", "Authorization", basic("alice", Seed.PASSWORD));
        assertEquals(200, r.status(), r.body());
        JsonNode state = json(r);
        assertTrue(state.get("principal").isNull(), state.toString());
        assertEquals(false, state.get("session").booleanValue(), "no HttpSession: " + state);
    }
}
