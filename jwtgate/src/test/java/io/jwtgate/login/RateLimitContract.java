package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The per-address token bucket in front of the token endpoints ({@code jwtgate.rate-limit.*},
 * decisions 115-118) over real HTTP; run once per container. A burst of 3 and 6 requests a minute
 * (one every 10 s) under an injected clock; 127.0.0.1 is a trusted proxy, so every test counts
 * under an {@code X-Forwarded-For} address of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RateLimitContract {

    static final int BURST = 3;
    static final String THROTTLED_BODY =
            "{\"error\":\"too_many_attempts\",\"error_description\":\"Too many requests from this address, retry later\"}";

    private Path dir;
    private final MutableClock clock = new MutableClock(Instant.now());
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-ratelimit");
        server = container().start(params(dir), dir, Map.of("io.jwtgate.clock", clock));
        http = server.http();
    }

    private static Map<String, String> params(Path dir) {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.register.enabled", "true");
        params.put("jwtgate.trusted-proxies", "127.0.0.1, ::1");
        params.put("jwtgate.rate-limit.burst", Integer.toString(BURST));
        params.put("jwtgate.rate-limit.per-minute", "6");
        Seed.users(params);
        return params;
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Http.Response login(String from) {
        return http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}",
                "X-Forwarded-For", from);
    }

    private void spendBurst(String from) {
        for (int i = 0; i < BURST; i++) {
            Http.Response r = login(from);
            assertEquals(200, r.status(), "request " + (i + 1) + " from " + from + ": " + r.body());
        }
    }

    private static void assertThrottled(Http.Response r, String retryAfter) {
        assertEquals(429, r.status(), r.body());
        assertEquals(THROTTLED_BODY, r.body());
        assertEquals(retryAfter, r.header("Retry-After"));
        assertEquals("no-store", r.header("Cache-Control"));
        assertNull(r.header("WWW-Authenticate"));
    }

    @Test
    void burstExhaustedGets429WithRetryAfterAndTheJsonErrorBody() {
        spendBurst("192.0.2.1");
        assertThrottled(login("192.0.2.1"), "10");
    }

    @Test
    void theBucketRefillsAfterTheClockMovesOneRequestPerInterval() {
        String from = "192.0.2.2";
        spendBurst(from);
        assertThrottled(login(from), "10");
        clock.advance(Duration.ofMillis(9_500));
        assertThrottled(login(from), "1"); // half a second left: rounded up
        clock.advance(Duration.ofMillis(500));
        assertEquals(200, login(from).status());
        assertThrottled(login(from), "10");
        clock.advance(Duration.ofMinutes(1));
        spendBurst(from); // a minute regains more than the burst, but never more than the burst
        assertThrottled(login(from), "10");
    }

    @Test
    void anotherAddressIsUnaffected() {
        spendBurst("192.0.2.3");
        assertThrottled(login("192.0.2.3"), "10");
        assertEquals(200, login("192.0.2.4").status());
        assertEquals(200, login("198.51.100.3").status());
    }

    @Test
    void ipv6AddressesInOneSlash64ShareABucket() {
        assertEquals(200, login("2001:db8:7:1::1").status());
        assertEquals(200, login("2001:db8:7:1::2").status());
        assertEquals(200, login("2001:db8:7:1:ffff:ffff:ffff:fffe").status());
        assertThrottled(login("2001:db8:7:1:abcd::99"), "10");
        assertEquals(200, login("2001:db8:7:2::1").status(), "the next /64 has a bucket of its own");
    }

    @Test
    void everyTokenEndpointSpendsFromTheSameBucket() {
        String from = "192.0.2.5";
        assertEquals(400, http.postJson("/auth/refresh", "{}", "X-Forwarded-For", from).status());
        assertEquals(401, http.postJson("/auth/token", "{}", "X-Forwarded-For", from).status());
        assertEquals(200, http.post("/auth/revoke", "application/x-www-form-urlencoded", "token=unknown",
                "X-Forwarded-For", from).status());
        Map<String, String> endpoints = new HashMap<>();
        endpoints.put("/auth/login", "{}");
        endpoints.put("/auth/token", "{}");
        endpoints.put("/auth/refresh", "{}");
        endpoints.put("/auth/register", "{}");
        endpoints.put("/auth/logout", "{}");
        endpoints.put("/auth/revoke", "{}");
        for (Map.Entry<String, String> e : endpoints.entrySet()) {
            assertThrottled(http.postJson(e.getKey(), e.getValue(), "X-Forwarded-For", from), "10");
        }
        // Endpoints outside the limit still answer.
        assertEquals(401, http.get("/auth/me", "X-Forwarded-For", from).status());
    }

    @Test
    void aRefusedLoginDoesNoLoginWorkAndIsNotCountedAsAFailure() throws Exception {
        String from = "192.0.2.6";
        for (int i = 0; i < BURST; i++) {
            assertEquals(401, http.postJson("/auth/login", "{\"username\":\"nobody-" + i
                    + "\",\"password\":\"wrong guess 1\"}", "X-Forwarded-For", from).status());
        }
        assertThrottled(http.postJson("/auth/login", "{\"username\":\"nobody-x\",\"password\":\"wrong guess 1\"}",
                "X-Forwarded-For", from), "10");
        // Not even the right password gets a bcrypt check: the bucket answers first.
        assertThrottled(http.postJson("/auth/token", "{}", "X-Forwarded-For", from,
                "Authorization", basic("alice", Seed.PASSWORD)), "10");
        assertEquals(List.of("nobody-0", "nobody-1", "nobody-2"), failuresFrom(from),
                "the refused attempt never reached the password check");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private List<String> failuresFrom(String address) throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve(TestSettings.APP_STORE) + ";DB_CLOSE_ON_EXIT=FALSE";
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement p = c.prepareStatement(
                "SELECT username FROM jwtgate_audit_events WHERE event = 'login_failure' AND client_address = ?"
                        + " ORDER BY username")) {
            p.setString(1, address);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    @Test
    void badRateLimitConfigurationFailsStartNamingTheKey() throws Exception {
        Map<String, String> bad = Map.of(
                "jwtgate.rate-limit.burst", "0",
                "jwtgate.rate-limit.per-minute", "often",
                "jwtgate.rate-limit.enabled", "maybe");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Path other = Files.createTempDirectory("jwtgate-ratelimit-bad");
            Map<String, String> params = TestSettings.params(other);
            params.put(e.getKey(), e.getValue());
            try (Container.Running running = container().start(params, other)) {
                assertFalse(running.available(), e.getKey() + "=" + e.getValue() + " must stop the application");
                assertNotNull(running.startFailure(), "the container must report why");
                assertTrue(running.startFailure().contains(e.getKey() + ": "), running.startFailure());
            }
        }
    }

    @Test
    void aRateLimitedGroupIsAuditedOncePerWindowWithTheSuppressedCount() throws Exception {
        String from = "192.0.2.7";
        spendBurst(from);
        for (int i = 0; i < 5; i++) {
            assertThrottled(login(from), "10");
        }
        assertEquals(List.of("{\"retry_after\":\"10\",\"suppressed\":\"0\"}"), rateLimitedFrom(from),
                "one event for the first refusal, the others only counted");
        // After the audit window (jwtgate.login.lockout, PT5M by default) the next refusal is stored with the count.
        clock.advance(Duration.ofMinutes(5));
        spendBurst(from);
        assertThrottled(login(from), "10");
        assertEquals(List.of("{\"retry_after\":\"10\",\"suppressed\":\"0\"}",
                "{\"retry_after\":\"10\",\"suppressed\":\"4\"}"), rateLimitedFrom(from));
    }

    private List<String> rateLimitedFrom(String address) throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve(TestSettings.APP_STORE) + ";DB_CLOSE_ON_EXIT=FALSE";
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement p = c.prepareStatement(
                "SELECT details FROM jwtgate_audit_events WHERE event = 'rate_limited' AND client_address = ?"
                        + " AND username IS NULL ORDER BY occurred_at")) {
            p.setString(1, address);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }
}
