package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtGate;
import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.json.StrictJson;
import io.jwtgate.store.User;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.IssuedToken;
import io.jwtgate.token.RevokedTokenException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Persistence, several nodes, store outages, Basic modes and client addresses. */
class SessionLifecycleTest {

    @TempDir
    Path dir;

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode login(Http http, String user) {
        Http.Response r = http.postJson("/auth/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return json(r);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void revocationsAndSpentRefreshTokensSurviveARestart(Container container) {
        Map<String, String> params = TestSettings.params(dir);
        Seed.users(params);
        JsonNode loggedOut;
        JsonNode rotated;
        JsonNode kept;
        try (Container.Running app = container.start(params, dir)) {
            loggedOut = login(app.http(), "alice");
            assertEquals(204, app.http().post("/auth/logout", "application/json", "", "Authorization",
                    "Bearer " + loggedOut.get("access_token").textValue()).status());
            rotated = login(app.http(), "alice");
            assertEquals(200, app.http().postJson("/auth/refresh", "{\"refresh_token\":\""
                    + rotated.get("refresh_token").textValue() + "\"}").status());
            kept = login(app.http(), "admin");
        }
        try (Container.Running app = container.start(params, dir)) {
            Http http = app.http();
            assertEquals(401, http.bearerGet("/auth/me", loggedOut.get("access_token").textValue()).status());
            assertEquals(401, http.postJson("/auth/refresh", "{\"refresh_token\":\""
                    + rotated.get("refresh_token").textValue() + "\"}").status());
            assertEquals(200, http.bearerGet("/auth/me", kept.get("access_token").textValue()).status());
            assertEquals(200, http.postJson("/auth/refresh", "{\"refresh_token\":\""
                    + kept.get("refresh_token").textValue() + "\"}").status());
        }
    }

    /** Two nodes sharing one store: the revoking node knows at once, the other after its refresh. */
    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void anotherNodePicksUpRevocationsOnItsNextRefresh(RealDatabase db) throws Exception {
        try (RealDatabase.Schema schema = db.create()) {
            Map<String, String> params = TestSettings.params(dir);
            params.put("jwtgate.jdbc.url", schema.url());
            params.put("jwtgate.jdbc.username", schema.user());
            // Polling only: with push on PostgreSQL, b would know before its refresh.
            params.put("jwtgate.revocation.push", "false");
            try (JwtGate a = JwtGate.start(TestSettings.settings(params));
                    JwtGate b = JwtGate.start(TestSettings.settings(params))) {
                User alice = a.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
                TokenPair tokens = a.sessions().start(alice, Set.of("messages:read"), "127.0.0.1");
                String token = tokens.access().token();
                JwtGateAuthentication caller = JwtGateAuthentication.bearer(b.verifier().verify(token));
                a.sessions().logout(caller, "127.0.0.1");
                assertThrows(RevokedTokenException.class, () -> a.verifier().verify(token));
                assertEquals("alice", b.verifier().verify(token).username(), "b has not refreshed yet");
                b.revocations().refresh();
                BadTokenException e = assertThrows(BadTokenException.class, () -> b.verifier().verify(token));
                assertEquals(BadTokenException.Reason.REVOKED, e.reason());
                assertThrows(RefreshFailedException.class,
                        () -> b.sessions().refresh(tokens.refreshToken(), "127.0.0.1"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void storeOutageGives503WhileBearerTokensKeepWorking(Container container) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Server h2 = Server.createTcpServer("-tcpPort", Integer.toString(port), "-tcpAllowOthers", "-ifNotExists",
                "-baseDir", dir.resolve("h2").toString()).start();
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.url", "jdbc:h2:tcp://127.0.0.1:" + port + "/jwtgate");
        params.put("jwtgate.basic-auth", "allow");
        Seed.users(params);
        try (Container.Running app = container.start(params, dir)) {
            Http http = app.http();
            JsonNode tokens = login(http, "alice");
            String access = tokens.get("access_token").textValue();
            h2.stop();
            Http.Response down = http.postJson("/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
            assertEquals(503, down.status(), down.body());
            assertEquals("5", down.header("Retry-After"));
            assertEquals("{\"error\":\"temporarily_unavailable\",\"error_description\":\"The service is temporarily"
                    + " unavailable, retry later\"}", down.body());
            assertEquals(503, http.postJson("/auth/refresh", "{\"refresh_token\":\""
                    + tokens.get("refresh_token").textValue() + "\"}").status());
            assertEquals(503, http.postJson("/auth/token", "{}", "Authorization",
                    basic("bob", Seed.PASSWORD)).status());
            assertEquals(503, http.get("/api/hello", "Authorization", basic("bob", Seed.PASSWORD)).status());
            assertEquals(200, http.bearerGet("/api/hello", access).status(), "verification needs no database");
        } finally {
            h2.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void warnModeAnnouncesDeprecationAndSunsetAndAuditsBasicUse(Container container) throws Exception {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "warn");
        params.put("jwtgate.basic-auth.deprecation", "2026-01-01");
        params.put("jwtgate.basic-auth.sunset", "2027-06-30");
        Seed.users(params);
        try (Container.Running app = container.start(params, dir)) {
            Http http = app.http();
            for (int i = 0; i < 3; i++) {
                Http.Response r = http.get("/api/hello", "Authorization", basic("alice", Seed.PASSWORD));
                assertEquals(200, r.status());
                assertEquals("@1767225600", r.header("Deprecation"));
                assertEquals("Wed, 30 Jun 2027 00:00:00 GMT", r.header("Sunset"));
            }
            Http.Response bearer = http.bearerGet("/api/hello", login(http, "alice").get("access_token").textValue());
            assertEquals(null, bearer.header("Deprecation"));
            assertEquals(List.of("Bearer realm=\"jwtgate\"", "Basic realm=\"jwtgate\", charset=\"UTF-8\""),
                    http.get("/api/hello").headers("WWW-Authenticate"));
        }
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(username) FROM jwtgate_audit_events"
                        + " WHERE event = 'basic_auth_used'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1), "one event per user and hour, not one per request");
            assertEquals("alice", rs.getString(2));
        }
    }

    @Test
    void warnModeWithoutDatesRefusesToStart() {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "warn");
        params.put("jwtgate.basic-auth.deprecation", "2026-01-01");
        io.jwtgate.config.ConfigurationException e = assertThrows(io.jwtgate.config.ConfigurationException.class,
                () -> TestSettings.settings(params));
        assertEquals("jwtgate.basic-auth.sunset", e.key());
    }

    @Test
    void forwardedForIsIgnoredUnlessThePeerIsATrustedProxy() {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.login.address-max-failures", "2");
        Seed.users(params);
        try (Container.Running app = Container.JETTY.start(params, dir)) {
            Http http = app.http();
            for (String name : List.of("n1", "n2")) {
                http.postJson("/auth/login", "{\"username\":\"" + name + "\",\"password\":\"x\"}",
                        "X-Forwarded-For", "10.9.9." + name.charAt(1));
            }
            Http.Response spoofed = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\""
                    + Seed.PASSWORD + "\"}", "X-Forwarded-For", "10.1.1.1");
            assertEquals(429, spoofed.status(), "a forged X-Forwarded-For must not escape the address limit");
        }
    }

    @Test
    void trustedProxyForwardedAddressIsTheOneCounted() {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.login.address-max-failures", "2");
        params.put("jwtgate.trusted-proxies", "127.0.0.0/8, ::1");
        Seed.users(params);
        try (Container.Running app = Container.JETTY.start(params, dir)) {
            Http http = app.http();
            for (String name : List.of("n1", "n2")) {
                http.postJson("/auth/login", "{\"username\":\"" + name + "\",\"password\":\"x\"}",
                        "X-Forwarded-For", "203.0.113.7");
            }
            assertEquals(429, http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\""
                    + Seed.PASSWORD + "\"}", "X-Forwarded-For", "203.0.113.7").status());
            assertEquals(200, http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\""
                    + Seed.PASSWORD + "\"}", "X-Forwarded-For", "198.51.100.1").status());
        }
    }

    @Test
    void expiredRowsArePurged() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        Map<String, String> params = new HashMap<>(TestSettings.params(dir));
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params), clock)) {
            User alice = gate.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
            TokenPair tokens = gate.sessions().start(alice, Set.of(), "127.0.0.1");
            gate.sessions().logout(JwtGateAuthentication.bearer(gate.verifier().verify(tokens.access().token())),
                    "127.0.0.1");
            assertEquals(1, count("jwtgate_revocation_log"));
            assertEquals(1, count("jwtgate_refresh_tokens"));
            gate.purgeExpired();
            assertEquals(1, count("jwtgate_revocation_log"), "nothing has expired yet");
            clock.advance(Duration.ofDays(32));
            ageRevocations(Duration.ofDays(32));
            ageSessions(Duration.ofDays(32));
            gate.purgeExpired();
            assertEquals(1, count("jwtgate_revocation_log"), "only the log's expired end row stays (decision 472)");
            assertEquals(0, count("jwtgate_refresh_tokens"));
            assertEquals(0, count("jwtgate_access_tokens"));
            gate.revocations().refresh();
            assertEquals(0, gate.revocations().size());
        }
    }

    /** Revocation times are the database's: move them back as far as the injected clock moved on. */
    private void ageRevocations(Duration by) throws Exception {
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir));
                java.sql.PreparedStatement p = c.prepareStatement("UPDATE jwtgate_revocation_log"
                        + " SET created_at = created_at - ?, expires_at = expires_at - ?")) {
            p.setLong(1, by.toMillis());
            p.setLong(2, by.toMillis());
            p.executeUpdate();
        }
    }

    /** The purge cuts sessions at the database's now (decision 565): move their expiries back instead. */
    private void ageSessions(Duration by) throws Exception {
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir));
                java.sql.PreparedStatement refresh = c.prepareStatement("UPDATE jwtgate_refresh_tokens"
                        + " SET expires_at = expires_at - ?, session_expires_at = session_expires_at - ?");
                java.sql.PreparedStatement access = c.prepareStatement(
                        "UPDATE jwtgate_access_tokens SET expires_at = expires_at - ?")) {
            refresh.setLong(1, by.toMillis());
            refresh.setLong(2, by.toMillis());
            refresh.executeUpdate();
            access.setLong(1, by.toMillis());
            access.executeUpdate();
        }
    }

    /**
     * Issue 7 review F3: a revoked session is held in memory until its latest recorded access token
     * has expired, plus the margins (2 × 5 min), not for max-ttl (24 h here) after every logout.
     */
    @Test
    void aSessionWhoseTokensExpireIn15MinutesIsForgotten25MinutesAfterItsRevocation() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        Map<String, String> params = revocationParams();
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params), clock)) {
            User alice = gate.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
            TokenPair tokens = gate.sessions().start(alice, Set.of(), "127.0.0.1");
            gate.sessions().logout(JwtGateAuthentication.bearer(gate.verifier().verify(tokens.access().token())),
                    "127.0.0.1");
            assertHeldFor(gate, clock, Duration.ofMinutes(25));
            assertEquals("revoked", assertThrows(RefreshFailedException.class,
                    () -> gate.sessions().refresh(tokens.refreshToken(), "127.0.0.1")).reason(),
                    "the refresh tokens were revoked in the store");
            gate.purgeExpired();
            assertEquals(1, count("jwtgate_revocation_log"), "only the log's expired end row stays (decision 472)");
        }
        // A restart does not load it again either.
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params), clock)) {
            assertEquals(0, gate.revocations().size());
        }
    }

    @Test
    void aSessionWithA24HourTokenKeepsItsEntryUntilThatTokenHasExpired() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (JwtGate gate = JwtGate.start(TestSettings.settings(revocationParams()), clock)) {
            User alice = gate.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
            IssuedToken api = gate.sessions().mint(alice, Set.of("messages:read"), Duration.ofHours(24), "127.0.0.1");
            gate.sessions().logout(JwtGateAuthentication.bearer(gate.verifier().verify(api.token())), "127.0.0.1");
            assertHeldFor(gate, clock, Duration.ofHours(24).plusMinutes(10));
        }
    }

    @Test
    void aRevokedTokenIdIsForgottenTenMinutesAfterTheTokenExpires() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (JwtGate gate = JwtGate.start(TestSettings.settings(revocationParams()), clock)) {
            User alice = gate.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
            TokenPair tokens = gate.sessions().start(alice, Set.of(), "127.0.0.1");
            JwtGateAuthentication caller = JwtGateAuthentication.bearer(gate.verifier().verify(tokens.access().token()));
            assertTrue(gate.sessions().revokeToken(caller, tokens.access().tokenId(), "127.0.0.1"));
            assertHeldFor(gate, clock, Duration.ofMinutes(25));
        }
    }

    /** A rotation racing the revocation can still issue one access token of the configured TTL. */
    @Test
    void aSessionRevokedAfterItsTokensExpiredIsHeldForOneMoreAccessTokenLifetime() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (JwtGate gate = JwtGate.start(TestSettings.settings(revocationParams()), clock)) {
            User alice = gate.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
            gate.sessions().start(alice, Set.of(), "127.0.0.1");
            clock.advance(Duration.ofHours(1));
            assertEquals(1, gate.sessions().revokeOtherSessions(alice.id(), null));
            assertHeldFor(gate, clock, Duration.ofMinutes(25));
        }
    }

    private Map<String, String> revocationParams() {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.access-token.ttl", "PT15M");
        params.put("jwtgate.access-token.max-ttl", "PT24H");
        params.put("jwtgate.revocation.refresh-interval", "PT1H");
        params.put("jwtgate.revocation.max-staleness", "PT2H");
        return params;
    }

    /** The one revocation in memory is kept (and reloaded) for {@code lifetime}, and not a minute longer. */
    private void assertHeldFor(JwtGate gate, MutableClock clock, Duration lifetime) throws Exception {
        assertEquals(1, gate.revocations().size());
        Duration almost = lifetime.minusMinutes(1);
        clock.advance(almost);
        ageRevocations(almost);
        gate.revocations().refresh();
        assertEquals(1, gate.revocations().size(), "still needed after " + almost + ": a token may verify");
        clock.advance(Duration.ofMinutes(2));
        ageRevocations(Duration.ofMinutes(2));
        gate.revocations().refresh();
        assertEquals(0, gate.revocations().size(), "no token it concerns can verify after " + lifetime.plusMinutes(1));
    }

    @FunctionalInterface
    private interface StoreTest {
        void run(Map<String, String> params) throws Exception;
    }

    /** Runs {@code test} on the default H2 file store, then on real PostgreSQL and MariaDB. */
    private void onEveryStore(String engine, StoreTest test) throws Exception {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        // No maintenance run nor push during the test: each node refreshes when the test says so.
        params.put("jwtgate.revocation.refresh-interval", "PT1H");
        params.put("jwtgate.revocation.max-staleness", "PT2H");
        params.put("jwtgate.revocation.push", "false");
        if (engine.equals("H2")) {
            test.run(params);
            return;
        }
        try (RealDatabase.Schema schema = RealDatabase.valueOf(engine).create()) {
            params.put("jwtgate.jdbc.url", schema.url());
            params.put("jwtgate.jdbc.username", schema.user());
            test.run(params);
        }
    }

    /**
     * Node a's clock is a day behind (more than the 4 h overlap its interval gives); node b's is
     * right. Each sees the other's revocations at its next refresh.
     */
    @ParameterizedTest
    @ValueSource(strings = {"H2", "POSTGRESQL", "MARIADB"})
    void revocationsReachEveryNodeWhateverTheRevokingNodesClock(String engine) throws Exception {
        onEveryStore(engine, params -> {
            MutableClock behind = new MutableClock(Instant.now().minus(Duration.ofDays(1)));
            try (JwtGate a = JwtGate.start(TestSettings.settings(params), behind);
                    JwtGate b = JwtGate.start(TestSettings.settings(params))) {
                User alice = b.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
                TokenPair tokens = b.sessions().start(alice, Set.of("messages:read"), "127.0.0.1");
                String token = tokens.access().token();
                a.sessions().logout(JwtGateAuthentication.bearer(b.verifier().verify(token)), "127.0.0.1");
                b.revocations().refresh();
                BadTokenException e = assertThrows(BadTokenException.class, () -> b.verifier().verify(token));
                assertEquals(BadTokenException.Reason.REVOKED, e.reason());

                TokenPair other = b.sessions().start(alice, Set.of(), "127.0.0.1");
                b.sessions().logout(JwtGateAuthentication.bearer(b.verifier().verify(other.access().token())),
                        "127.0.0.1");
                a.revocations().refresh();
                assertTrue(a.revocations().isSessionRevoked(other.access().sessionId()));
                // Each node keeps the entry for the lifetime in its own time, not the other node's.
                behind.advance(Duration.ofHours(23));
                a.revocations().refresh();
                assertTrue(a.revocations().isSessionRevoked(other.access().sessionId()));
            }
        });
    }

    /**
     * A password change on node a (clock a day behind) drops node b's cached Basic check at b's next
     * revocation refresh: the old password stops working there too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"H2", "POSTGRESQL", "MARIADB"})
    void passwordChangeOnOneNodeDropsTheOtherNodesBasicCache(String engine) throws Exception {
        onEveryStore(engine, params -> {
            MutableClock behind = new MutableClock(Instant.now().minus(Duration.ofDays(1)));
            try (JwtGate a = JwtGate.start(TestSettings.settings(params), behind);
                    JwtGate b = JwtGate.start(TestSettings.settings(params))) {
                a.accounts().create("erin", null, Seed.PASSWORD, Set.of("user"));
                try (Container.Running nodeA = Container.JETTY.start(params, dir, Map.of(JwtGate.class.getName(), a));
                        Container.Running nodeB = Container.TOMCAT.start(params, dir,
                                Map.of(JwtGate.class.getName(), b))) {
                    Http httpA = nodeA.http();
                    Http httpB = nodeB.http();
                    assertEquals(200, httpB.get("/api/hello", "Authorization", basic("erin", Seed.PASSWORD)).status());
                    String bearer = login(httpA, "erin").get("access_token").textValue();
                    Http.Response changed = httpA.postJson("/auth/password", "{\"current_password\":\""
                            + Seed.PASSWORD + "\",\"new_password\":\"another fine one\"}", "Authorization",
                            "Bearer " + bearer);
                    assertEquals(204, changed.status(), changed.body());
                    b.revocations().refresh();
                    assertEquals(401, httpB.get("/api/hello", "Authorization", basic("erin", Seed.PASSWORD)).status(),
                            "the old password must not live on in the other node's Basic cache");
                    assertEquals(200, httpB.get("/api/hello", "Authorization",
                            basic("erin", "another fine one")).status());
                }
            }
        });
    }

    private int count(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void refreshTokenIdleAndAbsoluteLifetimesEnd() {
        MutableClock clock = new MutableClock(Instant.now());
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.refresh-token.ttl", "PT1H");
        params.put("jwtgate.session.max-lifetime", "PT2H");
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params), clock)) {
            User alice = gate.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
            TokenPair idle = gate.sessions().start(alice, Set.of(), "a");
            clock.advance(Duration.ofMinutes(61));
            assertEquals("expired", assertThrows(RefreshFailedException.class,
                    () -> gate.sessions().refresh(idle.refreshToken(), "a")).reason());
            TokenPair active = gate.sessions().start(alice, Set.of(), "a");
            String current = active.refreshToken();
            // Two refreshes 50 minutes apart keep the session alive within its two-hour lifetime.
            for (int i = 0; i < 2; i++) {
                clock.advance(Duration.ofMinutes(50));
                current = gate.sessions().refresh(current, "a").refreshToken();
            }
            clock.advance(Duration.ofMinutes(50));
            String last = current;
            assertFalse(last.isEmpty());
            assertEquals("expired", assertThrows(RefreshFailedException.class,
                    () -> gate.sessions().refresh(last, "a")).reason(), "the session's absolute lifetime has passed");
        }
    }
}
