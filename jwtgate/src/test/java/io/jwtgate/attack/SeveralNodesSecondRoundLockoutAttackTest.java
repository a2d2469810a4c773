package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.Settings;
import io.jwtgate.session.RetentionPurge;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.SessionStore;
import io.jwtgate.support.Container;
import io.jwtgate.support.FailureRows;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The second outsider review of several nodes (issue 13), the shared lockout: probes that found
 * nothing, kept as tests (split from {@link SeveralNodesSecondRoundAttackTest} to keep each class
 * under two minutes). They attack decision 530 (login failures and registration attempts in the
 * database's time) with two nodes whose clocks are an hour either side of the real time, Jetty and
 * Tomcat on a fresh schema of a real PostgreSQL or MariaDB, and a purge run by a node days ahead.
 * What the review found is in the {@code *SecondRoundFindingsTest} classes of this package.
 */
class SeveralNodesSecondRoundLockoutAttackTest {

    @TempDir
    Path dir;

    /**
     * Wrong passwords fired in parallel at both nodes spend the lockout budget once: no more than
     * {@code max-failures} of them are checked (401), the rest are 429 with Retry-After, and
     * continuing one by one on alternating nodes the account locks after exactly {@code max-failures}
     * checked failures in all; then the right password is 429 on both nodes.
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void parallelWrongPasswordsOnBothNodesSpendTheLockoutBudgetOnce(Container container, RealDatabase server)
            throws Exception {
        int max = 5;
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            for (Map<String, String> p : List.of(paramsA, paramsB)) {
                p.put("jwtgate.login.max-failures", Integer.toString(max));
                p.put("jwtgate.login.address-max-failures", "1000");
            }
            Seed.users(paramsA);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try (Container.Running nodeA = container.start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = other(container).start(paramsB, Files.createTempDirectory(dir, "wb"))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Http.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    Http node = i % 2 == 0 ? a : b;
                    String wrongPassword = "wrong password number " + i;
                    answers.add(pool.submit(() -> {
                        go.await();
                        return node.postJson("/auth/login", credentials(wrongPassword));
                    }));
                }
                go.countDown();
                int checked = 0;
                for (Future<Http.Response> f : answers) {
                    Http.Response r = f.get();
                    if (r.status() == 401) {
                        checked++;
                    } else {
                        assertEquals(429, r.status(), r.body());
                        assertNotNull(r.header("Retry-After"), "429 says when to retry");
                    }
                }
                assertTrue(checked <= max, checked + " wrong passwords checked in parallel, the budget is " + max);
                for (int i = 0; i < 2 * max; i++) {
                    Http.Response r = (i % 2 == 0 ? a : b).postJson("/auth/login", credentials("one by one " + i));
                    if (r.status() == 429) {
                        break;
                    }
                    assertEquals(401, r.status(), r.body());
                    checked++;
                }
                assertEquals(max, checked, "checked failures before the lockout, both nodes together");
                for (Http node : List.of(a, b)) {
                    Http.Response r = node.postJson("/auth/login", credentials(Seed.PASSWORD));
                    assertEquals(429, r.status(), "locked on both nodes: " + r.body());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Decision 530 attacked with two nodes an hour either side of the real time: failures spread
     * over both nodes, Basic ones included, lock the account on both after exactly
     * {@code max-failures}; both give a Retry-After within the 5-minute lockout (not an hour more or
     * less); four minutes later (rows moved back in the database) both still refuse, saying at most a
     * minute; once the window has passed both let the right password in.
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aLockoutOverNodesHoursApartHoldsItsLengthWithSaneRetryAfterOnBoth(Container container, RealDatabase server)
            throws Exception {
        Instant now = Instant.now();
        MutableClock ahead = new MutableClock(now.plus(Duration.ofHours(1)));
        MutableClock behind = new MutableClock(now.minus(Duration.ofHours(1)));
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            for (Map<String, String> p : List.of(paramsA, paramsB)) {
                p.put("jwtgate.login.max-failures", "3");
                p.put("jwtgate.login.lockout", "PT5M");
                p.put("jwtgate.login.address-max-failures", "1000");
            }
            Seed.users(paramsA);
            try (Container.Running nodeA = container.start(paramsA, Files.createTempDirectory(dir, "wa"),
                    Map.of("io.jwtgate.clock", ahead));
                    Container.Running nodeB = other(container).start(paramsB, Files.createTempDirectory(dir, "wb"),
                            Map.of("io.jwtgate.clock", behind))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                String wrongBasic = "Basic " + Base64.getEncoder().encodeToString("alice:a wrong guess"
                        .getBytes(StandardCharsets.UTF_8));
                assertEquals(401, a.postJson("/auth/login", credentials("wrong on the node ahead")).status());
                assertEquals(401, b.get("/api/hello", "Authorization", wrongBasic).status(), "Basic on the node behind");
                assertEquals(401, b.postJson("/auth/login", credentials("wrong on the node behind")).status());
                for (Http node : List.of(a, b)) {
                    Http.Response r = node.postJson("/auth/login", credentials(Seed.PASSWORD));
                    assertEquals(429, r.status(), "locked after three failures over both nodes");
                    long retry = Long.parseLong(r.header("Retry-After"));
                    assertTrue(retry >= 240 && retry <= 300, "Retry-After within the 5-minute lockout: " + retry);
                }
                try (Connection c = DriverManager.getConnection(url)) {
                    FailureRows.age(c, Duration.ofMinutes(4));
                }
                for (Http node : List.of(a, b)) {
                    Http.Response r = node.postJson("/auth/login", credentials(Seed.PASSWORD));
                    assertEquals(429, r.status(), "four minutes in, still locked");
                    long retry = Long.parseLong(r.header("Retry-After"));
                    assertTrue(retry >= 1 && retry <= 60, "at most a minute left: " + retry);
                    Http.Response basic = node.get("/x.do", "Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString(("alice:" + Seed.PASSWORD).getBytes(StandardCharsets.UTF_8)));
                    assertEquals(429, basic.status(), "the right Basic password is locked out too");
                }
                try (Connection c = DriverManager.getConnection(url)) {
                    FailureRows.age(c, Duration.ofSeconds(61));
                }
                assertEquals(200, b.postJson("/auth/login", credentials(Seed.PASSWORD)).status(), "the node behind");
                assertEquals(200, a.postJson("/auth/login", credentials(Seed.PASSWORD)).status(), "the node ahead");
            }
        }
    }

    /**
     * The registration throttle over two nodes an hour either side of the real time: the address's
     * attempts add up over both nodes, the attempt past {@code register.address-max} is 429 on either
     * node with a Retry-After inside the window, and a node whose clock is days ahead running the
     * purge neither ends the lockout nor the registration window (both in the database's time).
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void registrationAndLockoutOverSkewedNodesSurviveAPurgeByANodeDaysAhead(Container container,
            RealDatabase server) throws Exception {
        Instant now = Instant.now();
        MutableClock ahead = new MutableClock(now.plus(Duration.ofHours(1)));
        MutableClock behind = new MutableClock(now.minus(Duration.ofHours(1)));
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            for (Map<String, String> p : List.of(paramsA, paramsB)) {
                p.put("jwtgate.register.enabled", "true");
                p.put("jwtgate.register.address-max", "3");
                p.put("jwtgate.register.window", "PT10M");
                p.put("jwtgate.login.max-failures", "2");
                p.put("jwtgate.login.lockout", "PT5M");
                p.put("jwtgate.login.address-max-failures", "1000");
            }
            Seed.users(paramsA);
            try (Container.Running nodeA = container.start(paramsA, Files.createTempDirectory(dir, "wa"),
                    Map.of("io.jwtgate.clock", ahead));
                    Container.Running nodeB = other(container).start(paramsB, Files.createTempDirectory(dir, "wb"),
                            Map.of("io.jwtgate.clock", behind))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                for (int i = 0; i < 3; i++) {
                    Http.Response r = (i % 2 == 0 ? a : b).postJson("/auth/register", "{\"username\":\"newcomer" + i
                            + "\",\"password\":\"a long enough passphrase for newcomer " + i + "\"}");
                    assertEquals(201, r.status(), r.body());
                }
                assertEquals(401, a.postJson("/auth/login", credentials("wrong one")).status());
                assertEquals(401, b.postJson("/auth/login", credentials("wrong two")).status());

                Settings settings = TestSettings.settings(paramsA);
                MutableClock daysAhead = new MutableClock(now.plus(Duration.ofDays(3)));
                try (Database db = Database.open(settings, daysAhead)) {
                    new RetentionPurge(db, new RevocationStore(db), new SessionStore(db), new LoginFailureStore(db),
                            new AuditLog(db, daysAhead), daysAhead, settings.login().loginFailureRetention(),
                            Duration.ofDays(90)).run();
                }
                for (Http node : List.of(a, b)) {
                    Http.Response r = node.postJson("/auth/register", "{\"username\":\"onetoomany\",\"password\":"
                            + "\"a long enough passphrase for one too many\"}");
                    assertEquals(429, r.status(), "the fourth registration from the address: " + r.body());
                    long retry = Long.parseLong(r.header("Retry-After"));
                    assertTrue(retry >= 540 && retry <= 600, "Retry-After inside the 10-minute window: " + retry);
                    Http.Response locked = node.postJson("/auth/login", credentials(Seed.PASSWORD));
                    assertEquals(429, locked.status(), "the lockout survived the purge");
                }
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

    private static String credentials(String password) {
        return "{\"username\":\"alice\",\"password\":\"" + password + "\"}";
    }
}
