package io.jwtgate.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Eventually;
import io.jwtgate.support.Http;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes on one real database (issue 13, item 2): node A an embedded Tomcat, node B an embedded
 * Jetty, each with its own pool and data directory, one schema between them. Push is off, so what
 * carries a revocation from A to B is B's poll every {@link #INTERVAL}: B must refuse within the
 * interval plus one poll (the deadline allows three intervals and a margin for a loaded machine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodeContract {

    static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration DEADLINE = INTERVAL.multipliedBy(3).plusSeconds(2);
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final int MAX_FAILURES = 3;
    private static final List<String> USERS = List.of("outgoing", "deleting", "reusing", "changing", "racing",
            "guessed", "basic");

    private RealDatabase.Schema schema;
    private String url;
    private Container.Running nodeA;
    private Container.Running nodeB;
    private Http a;
    private Http b;
    private ExecutorService threads;

    abstract RealDatabase database();

    @BeforeAll
    void start() throws Exception {
        schema = database().create();
        url = TestDatabase.withUser(schema);
        Map<String, String> paramsA = params(Files.createTempDirectory("jwtgate-node-a"));
        Map<String, String> paramsB = params(Files.createTempDirectory("jwtgate-node-b"));
        try (JwtGate gate = JwtGate.start(TestSettings.settings(paramsA))) {
            for (String name : USERS) {
                gate.accounts().create(name, null, Seed.PASSWORD, Set.of("user"));
            }
        }
        nodeA = Container.TOMCAT.start(paramsA, Files.createTempDirectory("jwtgate-node-a-work"));
        nodeB = Container.JETTY.start(paramsB, Files.createTempDirectory("jwtgate-node-b-work"));
        a = nodeA.http();
        b = nodeB.http();
        threads = Executors.newFixedThreadPool(2);
    }

    private Map<String, String> params(java.nio.file.Path dataDir) {
        Map<String, String> p = TestSettings.params(dataDir);
        p.put("jwtgate.jdbc.url", url);
        p.put("jwtgate.revocation.refresh-interval", INTERVAL.toString());
        p.put("jwtgate.revocation.push", "false");
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.login.max-failures", Integer.toString(MAX_FAILURES));
        p.put("jwtgate.login.address-max-failures", "1000");
        p.put("jwtgate.rules", "/** -> authenticated");
        return p;
    }

    @AfterAll
    void stop() throws Exception {
        threads.shutdownNow();
        try {
            nodeB.close();
            nodeA.close();
        } finally {
            schema.close();
        }
    }

    @Test
    void aLogoutOnNodeAIsRefusedOnNodeBWithinTheRefreshInterval() {
        JsonNode tokens = login(a, "outgoing", Seed.PASSWORD);
        assertEquals(200, me(b, at(tokens)), "B accepts the token before the logout");
        Http.Response out = a.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + at(tokens));
        assertEquals(204, out.status(), out.body());
        refusedOnBInTime(() -> me(b, at(tokens)));
    }

    @Test
    void aTokenDeletedOnNodeAIsRefusedOnNodeBWithinTheRefreshInterval() {
        JsonNode tokens = login(a, "deleting", Seed.PASSWORD);
        assertEquals(200, me(b, at(tokens)));
        Http.Response del = a.raw("DELETE", Container.CONTEXT_PATH + "/auth/token/" + tokens.get("id").textValue(),
                List.of("Authorization: Bearer " + at(tokens)), null);
        assertEquals(204, del.status(), del.body());
        refusedOnBInTime(() -> me(b, at(tokens)));
    }

    @Test
    void aReuseDetectedOnNodeARevokesTheFamilyOnNodeBWithinTheRefreshInterval() {
        JsonNode first = login(a, "reusing", Seed.PASSWORD);
        Http.Response rotated = refresh(a, rt(first));
        assertEquals(200, rotated.status(), rotated.body());
        JsonNode second = json(rotated);
        assertEquals(200, me(b, at(second)));
        assertEquals(401, refresh(a, rt(first)).status(), "presenting the spent token again is reuse");
        refusedOnBInTime(() -> me(b, at(second)));
        assertEquals(401, refresh(b, rt(second)).status(), "the family is gone on B too");
    }

    @Test
    void aPasswordChangeOnNodeARevokesTheOtherSessionsOnNodeBWithinTheRefreshInterval() {
        JsonNode current = login(a, "changing", Seed.PASSWORD);
        JsonNode other = login(b, "changing", Seed.PASSWORD);
        assertEquals(200, me(b, at(other)));
        Http.Response changed = a.postJson("/auth/password", "{\"current_password\":\"" + Seed.PASSWORD
                + "\",\"new_password\":\"" + NEW_PASSWORD + "\"}", "Authorization", "Bearer " + at(current));
        assertEquals(204, changed.status(), changed.body());
        refusedOnBInTime(() -> me(b, at(other)));
        assertEquals(200, me(b, at(current)), "the session that changed the password stays");
        assertEquals(401, loginStatus(b, "changing", Seed.PASSWORD));
        assertEquals(200, loginStatus(b, "changing", NEW_PASSWORD));
    }

    @Test
    void theSameRefreshTokenPresentedToBothNodesAtOnceLeavesAtMostOneLiveFamily() throws Exception {
        for (int round = 0; round < 10; round++) {
            JsonNode tokens = login(round % 2 == 0 ? a : b, "racing", Seed.PASSWORD);
            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> onA = threads.submit(presentAfter(go, a, rt(tokens)));
            Future<Integer> onB = threads.submit(presentAfter(go, b, rt(tokens)));
            go.countDown();
            int statusA = onA.get(30, TimeUnit.SECONDS);
            int statusB = onB.get(30, TimeUnit.SECONDS);
            assertTrue(statusA != 200 || statusB != 200, "round " + round + ": both nodes rotated the same token");
            assertTrue(liveRefreshTokens("racing") <= 1, "round " + round + ": more than one live refresh token");
        }
    }

    @Test
    void failuresSplitAcrossTheNodesLockTheAccountOnBoth() {
        assertEquals(401, loginStatus(a, "guessed", "wrong guess one"));
        assertEquals(401, loginStatus(b, "guessed", "wrong guess two"));
        assertEquals(401, loginStatus(a, "guessed", "wrong guess three"));
        assertEquals(429, loginStatus(b, "guessed", Seed.PASSWORD), "B counts A's failures");
        assertEquals(429, loginStatus(a, "guessed", Seed.PASSWORD), "A counts B's failure");
    }

    @Test
    void aBasicCacheEntryOnNodeBDiesWhenThePasswordChangesOnNodeA() {
        String oldBasic = basic("basic", Seed.PASSWORD);
        assertEquals(200, b.get("/api/hello", "Authorization", oldBasic).status(), "B caches the old password");
        JsonNode tokens = login(a, "basic", Seed.PASSWORD);
        Http.Response changed = a.postJson("/auth/password", "{\"current_password\":\"" + Seed.PASSWORD
                + "\",\"new_password\":\"" + NEW_PASSWORD + "\"}", "Authorization", "Bearer " + at(tokens));
        assertEquals(204, changed.status(), changed.body());
        // Each refused poll with the old password is a failed attempt, so after MAX_FAILURES of them the
        // account is locked (429): both answers refuse, and neither comes from the cache.
        refusedOnBInTime(() -> b.get("/api/hello", "Authorization", oldBasic).status(), Set.of(401, 429));
    }

    private static void refusedOnBInTime(IntSupplier status) {
        refusedOnBInTime(status, Set.of(401));
    }

    /**
     * Polls B until it refuses (failing past the deadline), then checks it keeps refusing for two
     * intervals.
     */
    private static void refusedOnBInTime(IntSupplier status, Set<Integer> refusals) {
        Duration pause = INTERVAL.dividedBy(10);
        List<Integer> seen = new ArrayList<>();
        int last = Eventually.within(DEADLINE).every(pause).lastOf(() -> {
            int s = status.getAsInt();
            if (!refusals.contains(s)) {
                seen.add(s);
            }
            return s;
        }, refusals::contains);
        assertTrue(refusals.contains(last), "still accepted on B after " + DEADLINE + ": " + seen);
        Eventually.within(INTERVAL.multipliedBy(2)).every(pause)
                .throughout("B keeps refusing the credentials once it refused them", status::getAsInt, refusals::contains);
    }

    private static Callable<Integer> presentAfter(CountDownLatch go, Http node, String refreshToken) {
        return () -> {
            go.await();
            return refresh(node, refreshToken).status();
        };
    }

    private long liveRefreshTokens(String username) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM jwtgate_refresh_tokens t"
                        + " JOIN jwtgate_users u ON u.id = t.user_id"
                        + " WHERE u.username = ? AND t.spent_at IS NULL AND t.revoked = ?")) {
            p.setString(1, username);
            p.setBoolean(2, false);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static JsonNode login(Http node, String user, String password) {
        Http.Response r = node.postJson("/auth/login", body(user, password));
        assertEquals(200, r.status(), r.body());
        return json(r);
    }

    private static int loginStatus(Http node, String user, String password) {
        return node.postJson("/auth/login", body(user, password)).status();
    }

    private static String body(String user, String password) {
        return StrictJson.mapper().createObjectNode().put("username", user).put("password", password).toString();
    }

    private static Http.Response refresh(Http node, String refreshToken) {
        return node.postJson("/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
    }

    private static int me(Http node, String accessToken) {
        return node.bearerGet("/auth/me", accessToken).status();
    }

    private static String at(JsonNode tokens) {
        return tokens.get("access_token").textValue();
    }

    private static String rt(JsonNode tokens) {
        return tokens.get("refresh_token").textValue();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }
}
