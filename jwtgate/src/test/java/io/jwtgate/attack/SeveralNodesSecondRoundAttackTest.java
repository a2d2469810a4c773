package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TcpProxy;
import io.jwtgate.support.TestDatabase;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The second outsider review of several nodes (issue 13): probes that found nothing, kept as tests.
 * Each runs over HTTP against the container of the parameter (the other node, where there is one,
 * is the other container) on a fresh schema of a real PostgreSQL or MariaDB, with the servlets
 * mapped exact ({@code /api/hello}), by prefix ({@code /admin/*}, {@code /api/*}), by extension
 * ({@code *.do}) and default ({@code /}). What the review found is in the
 * {@code *SecondRoundFindingsTest} classes of this package.
 */
class SeveralNodesSecondRoundAttackTest {

    private static final List<String> PATHS = List.of("/api/hello", "/admin/x", "/api/x", "/x.do", "/x");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FAILED_REFRESH = "revocations not refreshed, keeping the ones in memory";

    @TempDir
    Path dir;

    /**
     * A store fault is never the client's fault. With the node's store cut (a TCP proxy), every
     * endpoint that needs the store (login, refresh, logout, revoke by id, password change) answers
     * 503 with Retry-After: never 401 (a client would drop its refresh token or believe a password
     * wrong), never a 204 for a logout or revocation that was not written, never 500. Basic
     * credentials not cached answer 503 too. Inside the staleness bound a good token is still served.
     * Past the bound a good token is 503 while a bad one (expired, signed with another key, of
     * another issuer, not yet valid, malformed, alg none) stays 401 on every mapping: its refusal
     * needs no store. When the store returns, the refresh token whose refresh failed with 503 still
     * refreshes (the failed attempt did not spend it), and the logout that failed goes through.
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void storeFaultsAre503WithRetryAfterAndBadTokensStay401(Container container, RealDatabase server)
            throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        int port = server == RealDatabase.POSTGRESQL ? 5432 : 3306;
        try (RealDatabase.Schema schema = server.create(); TcpProxy proxy = new TcpProxy("127.0.0.1", port)) {
            Map<String, String> p = params(TestDatabase.withUser(schema)
                    .replace(":" + port + "/", ":" + proxy.port() + "/"), "n");
            p.put("jwtgate.revocation.refresh-interval", "PT0.5S");
            p.put("jwtgate.revocation.max-staleness", "PT10S");
            p.put("jwtgate.revocation.push", "false");
            Seed.users(p);
            try (Container.Running app = container.start(p, Files.createTempDirectory(dir, "w"),
                    Map.of("io.jwtgate.clock", clock))) {
                Http http = app.http();
                JsonNode session = login(http);
                String access = session.get("access_token").textValue();
                String refresh = session.get("refresh_token").textValue();
                JsonNode other = login(http);
                String basic = "Basic " + Base64.getEncoder().encodeToString(("bob:" + Seed.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));

                int failures = count(FAILED_REFRESH);
                proxy.cut();
                waitFor(() -> count(FAILED_REFRESH) > failures, "a refresh fails while the store is away");

                // Sent at once: each one waits out the pool's connection timeout (5 s) before its 503.
                Map<String, Callable<Http.Response>> storeBound = new java.util.LinkedHashMap<>();
                storeBound.put("login", () -> http.postJson("/auth/login", credentials(Seed.PASSWORD)));
                storeBound.put("login, wrong password", () -> http.postJson("/auth/login", credentials("not it")));
                storeBound.put("refresh", () -> http.postJson("/auth/refresh", "{\"refresh_token\":\"" + refresh
                        + "\"}"));
                storeBound.put("logout", () -> http.post("/auth/logout", "application/json", "", "Authorization",
                        "Bearer " + other.get("access_token").textValue()));
                storeBound.put("revoke by id", () -> http.raw("DELETE", Container.CONTEXT_PATH + "/auth/token/"
                        + other.get("id").textValue(), List.of("Authorization: Bearer " + access), null));
                storeBound.put("password change", () -> http.postJson("/auth/password", "{\"current_password\":\""
                        + Seed.PASSWORD + "\",\"new_password\":\"another long passphrase for alice 9\"}",
                        "Authorization", "Bearer " + access));
                storeBound.put("password change, wrong current password", () -> http.postJson("/auth/password",
                        "{\"current_password\":\"not it\",\"new_password\":\"another long passphrase for alice 9\"}",
                        "Authorization", "Bearer " + access));
                for (String path : PATHS) {
                    storeBound.put("uncached Basic on " + path, () -> http.get(path, "Authorization", basic));
                }
                ExecutorService pool = Executors.newFixedThreadPool(storeBound.size());
                try {
                    Map<String, Future<Http.Response>> answers = new java.util.LinkedHashMap<>();
                    storeBound.forEach((what, call) -> answers.put(what, pool.submit(call)));
                    for (Map.Entry<String, Future<Http.Response>> e : answers.entrySet()) {
                        expect503(e.getValue().get(), e.getKey());
                    }
                } finally {
                    pool.shutdownNow();
                }
                for (String path : PATHS) {
                    assertEquals(200, http.bearerGet(path, access).status(), "inside the bound on " + path);
                }

                clock.advance(Duration.ofSeconds(11));
                long now = clock.instant().getEpochSecond();
                TokenForge right = new TokenForge(TestSettings.secretBytes());
                TokenForge wrong = new TokenForge("another key entirely, 32 bytes or more!".getBytes(
                        StandardCharsets.UTF_8));
                Map<String, String> bad = Map.of(
                        "expired", resign(right, access, c -> c.put("iat", now - 7200).put("nbf", now - 7200)
                                .put("exp", now - 3600)),
                        "not yet valid", resign(right, access, c -> c.put("iat", now + 3600).put("nbf", now + 3600)
                                .put("exp", now + 4000)),
                        "another issuer", resign(right, access, c -> c.put("iss", "https://elsewhere.example")),
                        "another key", resign(wrong, access, c -> { }),
                        "malformed", "abc.def.ghi",
                        "alg none", TokenForge.b64("{\"alg\":\"none\"}") + "." + access.split("\\.")[1] + ".");
                for (String path : PATHS) {
                    Http.Response good = http.bearerGet(path, access);
                    expect503(good, "a good token past the bound on " + path);
                    for (Map.Entry<String, String> e : bad.entrySet()) {
                        Http.Response r = http.bearerGet(path, e.getValue());
                        assertEquals(401, r.status(), e.getKey() + " token past the bound on " + path + ": " + r.body());
                    }
                }

                proxy.restore();
                waitFor(() -> http.bearerGet("/api/hello", access).status() == 200, "recovers when the store returns");
                Http.Response refreshed = http.postJson("/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
                assertEquals(200, refreshed.status(), "the refresh that got 503 did not spend the token: "
                        + refreshed.body());
                assertEquals(204, http.post("/auth/logout", "application/json", "", "Authorization",
                        "Bearer " + other.get("access_token").textValue()).status());
                for (String path : PATHS) {
                    assertEquals(401, http.bearerGet(path, other.get("access_token").textValue()).status(), path);
                }
            }
        }
    }

    /**
     * Any user of the PostgreSQL database can {@code NOTIFY jwtgate_revocations}: a flood of notices
     * from another role, with payloads that name a live token's id, a session id, a huge text or
     * SQL, revokes nothing (the payload carries no authority; only the log does), does not break the
     * listener (no reconnection), and a real logout on the other node still arrives by push alone
     * (poll an hour away) and is refused on every mapping.
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void spoofedNotificationsOfAnotherDatabaseUserRevokeNothingAndLeaveThePushWorking(Container container)
            throws Exception {
        String spoofer = "jg_spoof_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
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
            execute(url, "CREATE ROLE " + spoofer + " LOGIN");
            try (Container.Running nodeA = other(container).start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = container.start(paramsB, Files.createTempDirectory(dir, "wb"))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                JsonNode live = login(a);
                String liveAccess = live.get("access_token").textValue();
                String ending = login(a).get("access_token").textValue();
                assertEquals(200, b.bearerGet("/api/hello", liveAccess).status());
                int reconnects = count("revocation listener lost its connection");

                String spooferUrl = url.replaceFirst("user=[^&]*", "user=" + spoofer);
                assertTrue(spooferUrl.contains("user=" + spoofer), "the spoofer connects as its own role");
                try (Connection c = DriverManager.getConnection(spooferUrl);
                        PreparedStatement notify = c.prepareStatement("SELECT pg_notify('jwtgate_revocations', ?)")) {
                    List<String> payloads = List.of("", liveAccess.split("\\.")[1], "token:" + jti(liveAccess),
                            "session:" + claim(liveAccess, "sid"), "x".repeat(7900),
                            "'); DELETE FROM jwtgate_revocation_log; --", "{\"seq\":999999999}");
                    for (int i = 0; i < 1500; i++) {
                        notify.setString(1, payloads.get(i % payloads.size()));
                        notify.execute();
                    }
                }
                Thread.sleep(1000);
                for (String path : PATHS) {
                    assertEquals(200, b.bearerGet(path, liveAccess).status(), "a spoofed notice revoked nothing: "
                            + path);
                }
                assertEquals(204, a.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + ending)
                        .status());
                waitFor(() -> b.bearerGet("/api/hello", ending).status() == 401, "the push still reaches B");
                for (String path : PATHS) {
                    assertEquals(401, b.bearerGet(path, ending).status(), path);
                    assertEquals(200, b.bearerGet(path, liveAccess).status(), path);
                }
                assertEquals(reconnects, count("revocation listener lost its connection"),
                        "the flood did not break the listener's connection");
            } finally {
                execute(url, "DROP ROLE IF EXISTS " + spoofer);
            }
        }
    }

    /**
     * One refresh token presented to both nodes at the same moment, ten times over: never two
     * successes, never a 500. (Which of the two wins, and whether the loser's attempt is taken for
     * reuse, is the rotation's business.)
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aRefreshTokenPresentedToBothNodesAtOnceIsHonouredOnce(Container container, RealDatabase server)
            throws Exception {
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            Seed.users(paramsA);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (Container.Running nodeA = container.start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = other(container).start(paramsB, Files.createTempDirectory(dir, "wb"))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                for (int round = 0; round < 10; round++) {
                    String refresh = login(round % 2 == 0 ? a : b).get("refresh_token").textValue();
                    String body = "{\"refresh_token\":\"" + refresh + "\"}";
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Integer>> answers = new ArrayList<>();
                    for (Http node : List.of(a, b)) {
                        Callable<Integer> call = () -> {
                            go.await();
                            return node.postJson("/auth/refresh", body).status();
                        };
                        answers.add(pool.submit(call));
                    }
                    go.countDown();
                    int successes = 0;
                    for (Future<Integer> f : answers) {
                        int status = f.get();
                        assertTrue(status == 200 || status == 401 || status == 400, "round " + round + ": " + status);
                        successes += status == 200 ? 1 : 0;
                    }
                    assertTrue(successes <= 1, "round " + round + ": one refresh token refreshed twice");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Revoking by id is the owner's alone, across nodes: alice's {@code DELETE /auth/token/{id}} of
     * bob's token (an id seen in a log or a shared screen) is an unknown id (404), writes no
     * revocation, and bob's token stays good on both nodes, on every mapping; bob revoking it himself
     * on node A makes node B refuse it.
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void anotherUsersTokenIdCannotBeRevokedFromEitherNode(Container container, RealDatabase server) throws Exception {
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            for (Map<String, String> p : List.of(paramsA, paramsB)) {
                p.put("jwtgate.revocation.refresh-interval", "PT0.5S");
                p.put("jwtgate.revocation.push", "false");
            }
            Seed.users(paramsA);
            try (Container.Running nodeA = container.start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = other(container).start(paramsB, Files.createTempDirectory(dir, "wb"))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                String alice = login(a).get("access_token").textValue();
                Http.Response bobLogin = b.postJson("/auth/login", "{\"username\":\"bob\",\"password\":\""
                        + Seed.PASSWORD + "\"}");
                assertEquals(200, bobLogin.status());
                JsonNode bob = StrictJson.parse(bobLogin.body().getBytes(StandardCharsets.UTF_8));
                String bobAccess = bob.get("access_token").textValue();
                for (Http node : List.of(a, b)) {
                    Http.Response r = node.raw("DELETE", Container.CONTEXT_PATH + "/auth/token/" + bob.get("id")
                            .textValue(), List.of("Authorization: Bearer " + alice), null);
                    assertEquals(404, r.status(), "alice revoking bob's token: " + r.body());
                }
                Thread.sleep(1500);
                for (String path : PATHS) {
                    assertEquals(200, a.bearerGet(path, bobAccess).status(), path);
                    assertEquals(200, b.bearerGet(path, bobAccess).status(), path);
                }
                Http.Response own = a.raw("DELETE", Container.CONTEXT_PATH + "/auth/token/" + bob.get("id").textValue(),
                        List.of("Authorization: Bearer " + bobAccess), null);
                assertEquals(204, own.status(), own.body());
                waitFor(() -> b.bearerGet("/api/hello", bobAccess).status() == 401, "B refuses bob's revoked token");
                for (String path : PATHS) {
                    assertEquals(401, b.bearerGet(path, bobAccess).status(), path);
                }
            }
        }
    }

    /**
     * The other half of decision 468: a wall clock that jumps ahead past the staleness bound while
     * the store is healthy closes nothing. Every mapping keeps answering a good token 200 and a
     * token revoked on the other node 401 (never 503), right after the jump and after several
     * refreshes.
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aForwardClockJumpWithAHealthyStoreNeverAnswers503(Container container, RealDatabase server)
            throws Exception {
        ClockStepBackSecondRoundFindingsTest.SteppedClock clockB = new ClockStepBackSecondRoundFindingsTest.SteppedClock();
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            for (Map<String, String> p : List.of(paramsA, paramsB)) {
                p.put("jwtgate.revocation.refresh-interval", "PT0.5S");
                p.put("jwtgate.revocation.max-staleness", "PT2S");
                p.put("jwtgate.revocation.push", "false");
            }
            Seed.users(paramsA);
            try (Container.Running nodeA = other(container).start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = container.start(paramsB, Files.createTempDirectory(dir, "wb"),
                            Map.of("io.jwtgate.clock", clockB))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                String live = login(a).get("access_token").textValue();
                String revoked = login(a).get("access_token").textValue();
                assertEquals(204, a.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + revoked)
                        .status());
                waitFor(() -> b.bearerGet("/api/hello", revoked).status() == 401, "B reads the logout");
                // Ten seconds: five times the bound, well inside the tokens' life and the clock skew.
                clockB.stepForward(Duration.ofSeconds(10));
                for (int round = 0; round < 2; round++) {
                    for (String path : PATHS) {
                        assertEquals(200, b.bearerGet(path, live).status(), "round " + round + " " + path);
                        assertEquals(401, b.bearerGet(path, revoked).status(), "round " + round + " " + path);
                    }
                    Thread.sleep(1200);
                }
            }
        }
    }

    /**
     * Decision 461 under load from two writers: sixty sessions logged out at once, half on a Jetty
     * node and half on a Tomcat node (so log numbers are taken and committed out of order), are all
     * refused by a third node that only polls, on every mapping, and stay refused; a session nobody
     * logged out stays good there.
     */
    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void concurrentLogoutsOnTwoWritersAreAllSeenByAThirdNode(RealDatabase server) throws Exception {
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            List<Map<String, String>> nodes = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                Map<String, String> p = params(url, name);
                p.put("jwtgate.revocation.refresh-interval", "PT0.2S");
                p.put("jwtgate.revocation.push", "false");
                nodes.add(p);
            }
            Seed.users(nodes.get(0));
            Container observer = server == RealDatabase.POSTGRESQL ? Container.JETTY : Container.TOMCAT;
            ExecutorService pool = Executors.newFixedThreadPool(30);
            try (Container.Running nodeA = Container.JETTY.start(nodes.get(0), Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = Container.TOMCAT.start(nodes.get(1), Files.createTempDirectory(dir, "wb"));
                    Container.Running nodeC = observer.start(nodes.get(2), Files.createTempDirectory(dir, "wc"))) {
                List<Http> writers = List.of(nodeA.http(), nodeB.http());
                Http c = nodeC.http();
                String live = login(writers.get(0)).get("access_token").textValue();
                // One by one: concurrent logins of one account are refused (finding S5).
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    tokens.add(login(writers.get(i % 2)).get("access_token").textValue());
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> logouts = new ArrayList<>();
                for (int i = 0; i < tokens.size(); i++) {
                    Http w = writers.get(i % 2);
                    String token = tokens.get(i);
                    logouts.add(pool.submit(() -> {
                        go.await();
                        return w.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + token).status();
                    }));
                }
                go.countDown();
                for (Future<Integer> f : logouts) {
                    assertEquals(204, f.get());
                }
                waitFor(() -> tokens.stream().allMatch(t -> c.bearerGet("/api/hello", t).status() == 401),
                        "the third node refuses every logged-out token");
                Thread.sleep(1000);
                for (int i = 0; i < tokens.size(); i++) {
                    String path = PATHS.get(i % PATHS.size());
                    assertEquals(401, c.bearerGet(path, tokens.get(i)).status(), "token " + i + " on " + path);
                }
                for (String path : PATHS) {
                    assertEquals(200, c.bearerGet(path, live).status(), path);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Map<String, String> params(String url, String node) throws Exception {
        Map<String, String> p = TestSettings.params(Files.createTempDirectory(dir, node));
        p.put("jwtgate.jdbc.url", url);
        p.put("jwtgate.rules", "/** -> authenticated");
        p.put("jwtgate.basic-auth", "allow");
        return p;
    }

    private static Container other(Container c) {
        return c == Container.JETTY ? Container.TOMCAT : Container.JETTY;
    }

    private static void expect503(Http.Response r, String what) {
        assertEquals(503, r.status(), what + ": " + r.body());
        assertEquals("5", r.header("Retry-After"), what);
    }

    private interface ClaimEdit {
        void edit(ObjectNode claims);
    }

    /** The token's own claims, edited, signed again by {@code forge}. */
    private static String resign(TokenForge forge, String token, ClaimEdit edit) {
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) StrictJson.parse(Base64.getUrlDecoder().decode(parts[1]));
        edit.edit(claims);
        return forge.signParts(parts[0], TokenForge.b64(claims.toString()), "HmacSHA256");
    }

    private static String jti(String token) {
        return claim(token, "jti");
    }

    private static String claim(String token, String name) {
        return StrictJson.parse(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get(name).textValue();
    }

    private static String credentials(String password) {
        return "{\"username\":\"alice\",\"password\":\"" + password + "\"}";
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int count(String text) {
        return (int) LogCapture.lines().stream().filter(l -> l.contains(text)).count();
    }

    private static JsonNode login(Http http) {
        Http.Response r = http.postJson("/auth/login", credentials(Seed.PASSWORD));
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
