package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.FailureRows;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The token lifecycle over real HTTP (spec §3): refresh rotation and reuse, logout, revocation,
 * password change, the token endpoint, registration, lockout with an injected clock, and Basic
 * beside Bearer. Run once per container by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionContract {

    static final String REVOKED = "Bearer realm=\"jwtgate\", error=\"invalid_token\","
            + " error_description=\"The access token has been revoked\"";

    private Path dir;
    private final MutableClock clock = new MutableClock(Instant.now());
    private Container.Running server;
    Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-session");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.register.enabled", "true");
        params.put("jwtgate.access-token.max-ttl", "PT1H");
        params.put("jwtgate.login.max-failures", "3");
        params.put("jwtgate.login.address-max-failures", "1000");
        params.put("jwtgate.session.max-per-user", "3");
        params.put("jwtgate.role-scopes",
                "admin=all:any; user=messages:read messages:send; minter=tokens:manage messages:read");
        params.put("jwtgate.rules", "/admin/** -> role:admin\n/** -> authenticated");
        Seed.users(params);
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
            for (String name : List.of("carol", "dave", "erin", "locky", "many")) {
                gate.accounts().create(name, null, Seed.PASSWORD, Set.of("user"));
            }
            for (String name : List.of("mint", "mint2", "mint3")) {
                gate.accounts().create(name, null, Seed.PASSWORD, Set.of("minter"));
            }
            for (String name : List.of("demoted", "boss", "deposed")) {
                gate.accounts().create(name, null, Seed.PASSWORD, Set.of("admin"));
            }
        }
        server = container().start(params, dir, Map.of("io.jwtgate.clock", clock));
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    JsonNode login(String user) {
        Http.Response r = http.postJson("/auth/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return json(r);
    }

    Http.Response refresh(String refreshToken) {
        return http.postJson("/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String at(JsonNode tokens) {
        return tokens.get("access_token").textValue();
    }

    static String rt(JsonNode tokens) {
        return tokens.get("refresh_token").textValue();
    }

    @Test
    void loginReturnsAnOpaqueRefreshTokenOfAtLeast256Bits() {
        String refresh = rt(login("alice"));
        assertEquals(32, Base64.getUrlDecoder().decode(refresh).length);
    }

    @Test
    void refreshRotatesAndTheOldTokenIsSpent() {
        JsonNode first = login("alice");
        Http.Response r = refresh(rt(first));
        assertEquals(200, r.status(), r.body());
        JsonNode second = json(r);
        assertNotEquals(rt(first), rt(second));
        assertEquals("no-store", r.header("Cache-Control"));
        assertEquals(200, http.bearerGet("/auth/me", at(second)).status());
        assertEquals(900, second.get("expires_in").intValue());
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeSession() {
        JsonNode first = login("alice");
        JsonNode second = json(refresh(rt(first)));
        Http.Response reuse = refresh(rt(first));
        assertEquals(401, reuse.status());
        assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is invalid, expired"
                + " or revoked\"}", reuse.body());
        assertEquals(401, refresh(rt(second)).status(), "the rotated token dies with its family");
        Http.Response me = http.bearerGet("/auth/me", at(second));
        assertEquals(401, me.status());
        assertEquals(REVOKED, me.header("WWW-Authenticate"));
        assertEquals(401, http.bearerGet("/auth/me", at(first)).status());
    }

    @Test
    void parallelRefreshesWithOneTokenNeverLeaveTwoLiveFamilies() throws Exception {
        JsonNode first = login("carol");
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return refresh(rt(first));
            }));
        }
        go.countDown();
        List<JsonNode> winners = new ArrayList<>();
        for (Future<Http.Response> f : results) {
            Http.Response r = f.get();
            assertTrue(r.status() == 200 || r.status() == 401, r.toString());
            if (r.status() == 200) {
                winners.add(json(r));
            } else {
                // A loser presented a spent refresh token: the exact invalid_grant answer and the plain
                // Bearer challenge (the login endpoints never offer Basic: decision 95).
                assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is invalid,"
                        + " expired or revoked\"}", r.body());
                assertEquals(List.of("Bearer realm=\"jwtgate\""), r.headers("WWW-Authenticate"), r.toString());
            }
        }
        pool.shutdown();
        assertTrue(winners.size() <= 1, winners.size() + " refreshes succeeded");
        // Every loser presented a spent token: reuse, so the family, the winner's tokens included, is gone.
        for (JsonNode w : winners) {
            assertEquals(401, refresh(rt(w)).status());
            assertEquals(401, http.bearerGet("/auth/me", at(w)).status());
        }
    }

    @Test
    void unknownOrMalformedRefreshTokensGet401Or400() {
        assertEquals(401, refresh("A".repeat(43)).status());
        assertEquals(401, refresh("short").status());
        assertEquals(400, http.postJson("/auth/refresh", "{}").status());
        assertEquals(400, http.postJson("/auth/refresh", "{\"refresh_token\":5}").status());
    }

    @Test
    void accessTokenIsNotARefreshToken() {
        assertEquals(401, refresh(at(login("alice"))).status());
    }

    @Test
    void logoutRevokesAccessAndRefreshTokensAtOnce() {
        JsonNode tokens = login("dave");
        Http.Response out = http.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + at(tokens));
        assertEquals(204, out.status());
        Http.Response me = http.bearerGet("/auth/me", at(tokens));
        assertEquals(401, me.status());
        assertEquals(REVOKED, me.header("WWW-Authenticate"));
        assertEquals(401, refresh(rt(tokens)).status());
        Http.Response twice = http.post("/auth/logout", "application/json", "", "Authorization",
                "Bearer " + at(tokens));
        assertEquals(401, twice.status());
    }

    @Test
    void logoutWithoutBearerGets401() {
        assertEquals(401, http.post("/auth/logout", "application/json", "").status());
        assertEquals(401, http.post("/auth/logout", "application/json", "", "Authorization",
                basic("alice", Seed.PASSWORD)).status());
    }

    @Test
    void ownTokenCanBeRevokedByJti() {
        JsonNode tokens = login("alice");
        Http.Response del = http.raw("DELETE", "/app/auth/token/" + tokens.get("id").textValue(),
                List.of("Authorization: Bearer " + at(tokens)), null);
        assertEquals(204, del.status(), del.body());
        assertEquals(REVOKED, http.bearerGet("/auth/me", at(tokens)).header("WWW-Authenticate"));
    }

    @Test
    void someoneElsesTokenIs404UnlessAdmin() {
        JsonNode alice = login("alice");
        JsonNode bob = login("bob");
        String aliceJti = alice.get("id").textValue();
        assertEquals(404, http.raw("DELETE", "/app/auth/token/" + aliceJti,
                List.of("Authorization: Bearer " + at(bob)), null).status());
        assertEquals(200, http.bearerGet("/auth/me", at(alice)).status());
        assertEquals(404, http.raw("DELETE", "/app/auth/token/no-such-token",
                List.of("Authorization: Bearer " + at(bob)), null).status());
        assertEquals(204, http.raw("DELETE", "/app/auth/token/" + aliceJti,
                List.of("Authorization: " + basic("admin", Seed.PASSWORD)), null).status());
        assertEquals(401, http.bearerGet("/auth/me", at(alice)).status());
    }

    @Test
    void passwordChangeRevokesOtherSessionsButKeepsTheCurrentOne() {
        assertEquals(200, http.get("/api/hello", "Authorization", basic("erin", Seed.PASSWORD)).status());
        JsonNode current = login("erin");
        JsonNode other = login("erin");
        Http.Response wrong = http.postJson("/auth/password",
                "{\"current_password\":\"nope nope\",\"new_password\":\"another fine one\"}",
                "Authorization", "Bearer " + at(current));
        assertEquals(403, wrong.status());
        Http.Response weak = http.postJson("/auth/password",
                "{\"current_password\":\"" + Seed.PASSWORD + "\",\"new_password\":\"short\"}",
                "Authorization", "Bearer " + at(current));
        assertEquals(422, weak.status());
        Http.Response ok = http.postJson("/auth/password",
                "{\"current_password\":\"" + Seed.PASSWORD + "\",\"new_password\":\"another fine one\"}",
                "Authorization", "Bearer " + at(current));
        assertEquals(204, ok.status(), ok.body());
        assertEquals(200, http.bearerGet("/auth/me", at(current)).status());
        assertEquals(401, http.bearerGet("/auth/me", at(other)).status());
        assertEquals(401, refresh(rt(other)).status());
        assertEquals(401, http.postJson("/auth/login",
                "{\"username\":\"erin\",\"password\":\"" + Seed.PASSWORD + "\"}").status());
        assertEquals(200, http.postJson("/auth/login",
                "{\"username\":\"erin\",\"password\":\"another fine one\"}").status());
        assertEquals(401, http.get("/api/hello", "Authorization", basic("erin", Seed.PASSWORD)).status(),
                "the old password must not live on in the Basic cache");
    }

    @Test
    void tokenEndpointWithBasicMintsASubsetOfScopes() {
        Http.Response r = http.postJson("/auth/token", "{\"ttl\":600,\"scopes\":[\"messages:read\"]}",
                "Authorization", basic("alice", Seed.PASSWORD));
        assertEquals(201, r.status(), r.body());
        JsonNode body = json(r);
        assertEquals("messages:read", body.get("scope").textValue());
        assertEquals(600, body.get("expires_in").intValue());
        assertNull(body.get("refresh_token"));
        assertEquals(200, http.bearerGet("/api/hello", at(body)).status());
    }

    @Test
    void tokenEndpointNeverMintsMoreThanTheCallerHolds() {
        Http.Response r = http.postJson("/auth/token", "{\"scopes\":[\"admin:all\"]}",
                "Authorization", basic("alice", Seed.PASSWORD));
        assertEquals(403, r.status());
        assertEquals("Bearer realm=\"jwtgate\", error=\"insufficient_scope\", error_description=\"The requested"
                + " scopes exceed the caller's scopes\", scope=\"admin:all\"", r.header("WWW-Authenticate"));
        JsonNode mint = login("mint");
        Http.Response beyond = http.postJson("/auth/token", "{\"scopes\":[\"messages:send\"]}",
                "Authorization", "Bearer " + at(mint));
        assertEquals(403, beyond.status());
        Http.Response ok = http.postJson("/auth/token", "{\"scopes\":[\"messages:read\"]}",
                "Authorization", "Bearer " + at(mint));
        assertEquals(201, ok.status());
    }

    @Test
    void tokenEndpointWithBearerNeedsTokensManage() {
        Http.Response r = http.postJson("/auth/token", "{\"scopes\":[\"messages:read\"]}",
                "Authorization", "Bearer " + at(login("alice")));
        assertEquals(403, r.status());
        assertTrue(r.header("WWW-Authenticate").endsWith("scope=\"tokens:manage\""), r.header("WWW-Authenticate"));
    }

    @Test
    void tokenEndpointCapsTheLifetime() {
        Http.Response r = http.postJson("/auth/token", "{\"ttl\":999999}", "Authorization",
                basic("admin", Seed.PASSWORD));
        assertEquals(201, r.status());
        assertEquals(3600, json(r).get("expires_in").intValue());
        assertEquals(400, http.postJson("/auth/token", "{\"ttl\":-5}", "Authorization",
                "Bearer " + at(login("admin"))).status());
        assertEquals(401, http.postJson("/auth/token", "{}").status());
    }

    @Test
    void registrationCreatesValidatesAndRefusesDuplicates() {
        Http.Response r = http.postJson("/auth/register",
                "{\"username\":\"newbie\",\"email\":\"newbie@example.org\",\"password\":\"a fine password\"}");
        assertEquals(201, r.status(), r.body());
        assertEquals("newbie", json(r).get("username").textValue());
        assertEquals("[\"user\"]", json(r).get("roles").toString());
        assertEquals(409, http.postJson("/auth/register",
                "{\"username\":\"newbie\",\"password\":\"a fine password\"}").status());
        for (String bad : List.of("{\"username\":\"\",\"password\":\"a fine password\"}",
                "{\"username\":\"x y\",\"password\":\"a fine password\"}",
                "{\"username\":\"ok1\",\"password\":\"short\"}",
                "{\"username\":\"ok2\",\"password\":\"" + "x".repeat(73) + "\"}",
                "{\"username\":\"ok3\",\"email\":\"nope\",\"password\":\"a fine password\"}",
                "{\"password\":\"a fine password\"}")) {
            assertEquals(422, http.postJson("/auth/register", bad).status(), bad);
        }
        assertEquals(200, http.postJson("/auth/login",
                "{\"username\":\"newbie\",\"password\":\"a fine password\"}").status());
    }

    @Test
    void lockoutAfterMaxFailuresHoldsForCorrectPasswordsUntilTheWindowPasses() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, http.postJson("/auth/login",
                    "{\"username\":\"locky\",\"password\":\"wrong pass\"}").status());
        }
        Http.Response locked = http.postJson("/auth/login",
                "{\"username\":\"locky\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(429, locked.status());
        long retry = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retry > 0 && retry <= 300, "Retry-After " + retry);
        assertEquals("too_many_attempts", json(locked).get("error").textValue());
        // The window runs in the database's time (decision 530): this node's clock alone ends nothing.
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals(429, http.postJson("/auth/login",
                "{\"username\":\"locky\",\"password\":\"" + Seed.PASSWORD + "\"}").status());
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir))) {
            FailureRows.age(c, Duration.ofMinutes(5).plusSeconds(1));
        }
        assertEquals(200, http.postJson("/auth/login",
                "{\"username\":\"locky\",\"password\":\"" + Seed.PASSWORD + "\"}").status());
    }

    @Test
    void overlongNamesAreCountedAndLockOutInsteadOfFailing() {
        String name = "n".repeat(1000);
        for (int i = 0; i < 3; i++) {
            assertEquals(401, http.postJson("/auth/login",
                    "{\"username\":\"" + name + "\",\"password\":\"wrong pass\"}").status());
        }
        assertEquals(429, http.postJson("/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"wrong pass\"}").status());
        assertEquals(401, http.get("/api/hello", "Authorization", basic("b".repeat(1000), "wrong pass")).status());
    }

    @Test
    void unknownNamesLockOutToo() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, http.postJson("/auth/login",
                    "{\"username\":\"ghost\",\"password\":\"wrong pass\"}").status());
        }
        assertEquals(429, http.postJson("/auth/login",
                "{\"username\":\"ghost\",\"password\":\"wrong pass\"}").status());
    }

    @Test
    void basicFailuresCountTowardTheLockout() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, http.get("/api/hello", "Authorization", basic("phantom", "wrong pass")).status());
        }
        Http.Response r = http.get("/api/hello", "Authorization", basic("phantom", "wrong pass"));
        assertEquals(429, r.status());
        assertTrue(Long.parseLong(r.header("Retry-After")) > 0);
    }

    @Test
    void basicIsAcceptedBesideBearerWhenAllowed() {
        Http.Response r = http.get("/api/hello", "Authorization", basic("alice", Seed.PASSWORD));
        assertEquals(200, r.status());
        assertEquals("BASIC", json(r).get("authType").textValue());
        assertEquals("alice", json(r).get("principal").textValue());
        assertNull(r.header("Deprecation"));
        Http.Response none = http.get("/api/hello");
        assertEquals(List.of("Bearer realm=\"jwtgate\"", "Basic realm=\"jwtgate\", charset=\"UTF-8\""),
                none.headers("WWW-Authenticate"));
    }

    @Test
    void bearerAndBasicTogetherGet400() {
        Http.Response r = http.raw("GET", "/app/api/hello", List.of("Authorization: Bearer " + at(login("alice")),
                "Authorization: " + basic("alice", Seed.PASSWORD)), null);
        assertEquals(400, r.status());
    }

    @Test
    void auditEventsAreStoredWithoutSecrets() throws Exception {
        JsonNode tokens = login("alice");
        refresh(rt(tokens));
        http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"wrong pass\"}");
        String url = TestSettings.appStoreUrl(dir);
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement(
                        "SELECT event, username, client_address, details FROM jwtgate_audit_events");
                ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        String all = String.join("\n", rows);
        for (String event : List.of("login_success", "login_failure", "token_issued", "token_refreshed")) {
            assertTrue(all.contains(event + "|alice|127.0.0.1|"), event + " missing in\n" + all);
        }
        assertTrue(all.contains("\"reason\":\"wrong_password\""), all);
        assertFalse(all.contains(at(tokens)));
        assertFalse(all.contains(rt(tokens)));
        assertFalse(all.contains(Seed.PASSWORD));
        assertFalse(all.contains("wrong pass"));
    }

    Http.Response mint(String bearer, String body) {
        return http.postJson("/auth/token", body, "Authorization", "Bearer " + bearer);
    }

    static Instant expiresAt(JsonNode tokens) {
        return Instant.parse(tokens.get("expires_at").textValue());
    }

    void setRoles(String username, String roles) throws Exception {
        String url = TestSettings.appStoreUrl(dir);
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement("UPDATE jwtgate_users SET roles = ? WHERE username = ?")) {
            p.setString(1, roles);
            p.setString(2, username);
            assertEquals(1, p.executeUpdate());
        }
    }

    @Test
    void tokenMintedByABearerCallerNeverOutlivesTheCallersToken() {
        JsonNode parent = login("mint");
        Http.Response r = mint(at(parent), "{\"ttl\":3600,\"scopes\":[\"messages:read\"]}");
        assertEquals(201, r.status(), r.body());
        JsonNode child = json(r);
        assertFalse(expiresAt(child).isAfter(expiresAt(parent)), expiresAt(child) + " is after " + expiresAt(parent));
        assertTrue(child.get("expires_in").intValue() <= 900, "expires_in " + child.get("expires_in"));
        assertEquals(200, http.bearerGet("/api/hello", at(child)).status());
    }

    @Test
    void logoutOfTheParentRevokesTheTokensItMinted() {
        JsonNode parent = login("mint");
        JsonNode child = json(mint(at(parent), "{\"scopes\":[\"messages:read\"]}"));
        assertEquals(200, http.bearerGet("/auth/me", at(child)).status());
        assertEquals(204, http.post("/auth/logout", "application/json", "", "Authorization",
                "Bearer " + at(parent)).status());
        Http.Response me = http.bearerGet("/auth/me", at(child));
        assertEquals(401, me.status());
        assertEquals(REVOKED, me.header("WWW-Authenticate"));
    }

    @Test
    void refreshReuseInTheParentSessionRevokesTheTokensItMinted() {
        JsonNode parent = login("mint2");
        JsonNode child = json(mint(at(parent), "{}"));
        assertEquals(200, http.bearerGet("/auth/me", at(child)).status());
        assertEquals(200, refresh(rt(parent)).status());
        assertEquals(401, refresh(rt(parent)).status(), "reuse");
        Http.Response me = http.bearerGet("/auth/me", at(child));
        assertEquals(401, me.status());
        assertEquals(REVOKED, me.header("WWW-Authenticate"));
    }

    @Test
    void chainedMintsCannotExtendTheFirstTokensLifetime() {
        JsonNode parent = login("mint3");
        JsonNode child = json(mint(at(parent), "{\"ttl\":3600}"));
        assertTrue(child.get("scope").textValue().contains("tokens:manage"), child.get("scope").textValue());
        clock.advance(Duration.ofMinutes(10));
        Http.Response r = mint(at(child), "{\"ttl\":3600}");
        assertEquals(201, r.status(), r.body());
        JsonNode grandchild = json(r);
        assertFalse(expiresAt(grandchild).isAfter(expiresAt(parent)),
                expiresAt(grandchild) + " is after " + expiresAt(parent));
        assertTrue(grandchild.get("expires_in").intValue() <= 300, "expires_in " + grandchild.get("expires_in"));
    }

    @Test
    void mintingNarrowsScopesToTheCallersCurrentRoles() throws Exception {
        JsonNode parent = login("demoted");
        assertEquals("all:any", parent.get("scope").textValue());
        setRoles("demoted", "minter");
        Http.Response narrowed = mint(at(parent), "{}");
        assertEquals(201, narrowed.status(), narrowed.body());
        assertEquals("messages:read tokens:manage", json(narrowed).get("scope").textValue());
        setRoles("demoted", "user");
        Http.Response refused = mint(at(parent), "{}");
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.header("WWW-Authenticate").endsWith("scope=\"tokens:manage\""),
                refused.header("WWW-Authenticate"));
    }

    @Test
    void aSessionBeyondThePerUserCapRevokesTheOldest() {
        // "Oldest" is by start time: the injected clock moves a second between logins.
        JsonNode first = login("many");
        clock.advance(Duration.ofSeconds(1));
        JsonNode second = login("many");
        clock.advance(Duration.ofSeconds(1));
        JsonNode third = login("many");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, http.bearerGet("/auth/me", at(first)).status());
        JsonNode fourth = login("many");
        clock.advance(Duration.ofSeconds(1));
        Http.Response me = http.bearerGet("/auth/me", at(first));
        assertEquals(401, me.status());
        assertEquals(REVOKED, me.header("WWW-Authenticate"));
        assertEquals(401, refresh(rt(first)).status());
        for (JsonNode live : List.of(second, third, fourth)) {
            assertEquals(200, http.bearerGet("/auth/me", at(live)).status());
        }
        // A token minted with Basic is a session of its own and counts too.
        Http.Response api = http.postJson("/auth/token", "{}", "Authorization", basic("many", Seed.PASSWORD));
        assertEquals(201, api.status(), api.body());
        assertEquals(401, http.bearerGet("/auth/me", at(second)).status());
        assertEquals(200, http.bearerGet("/auth/me", at(json(api))).status());
        assertEquals(200, http.bearerGet("/auth/me", at(third)).status());
    }

    // ---------------------------------------------------------------- roles follow scopes (issue 7 review F1, F2)

    static List<String> roles(Http.Response me) {
        assertEquals(200, me.status(), me.body());
        List<String> roles = new ArrayList<>();
        json(me).get("roles").forEach(r -> roles.add(r.textValue()));
        return roles;
    }

    @Test
    void tokensNarrowedBelowARolesScopesDoNotCarryThatRole() {
        JsonNode full = login("boss");
        JsonNode other = login("dave");
        assertEquals(200, http.bearerGet("/admin/users", at(full)).status(), "control: the full admin token");
        Http.Response narrowedLogin = http.postJson("/auth/login", "{\"username\":\"boss\",\"password\":\""
                + Seed.PASSWORD + "\",\"scopes\":[\"messages:read\"]}");
        assertEquals(200, narrowedLogin.status(), narrowedLogin.body());
        Http.Response basicMint = http.postJson("/auth/token", "{\"scopes\":[\"messages:read\"],\"ttl\":3600}",
                "Authorization", basic("boss", Seed.PASSWORD));
        assertEquals(201, basicMint.status(), basicMint.body());
        Http.Response bearerMint = mint(at(full), "{\"scopes\":[\"messages:read\"]}");
        assertEquals(201, bearerMint.status(), bearerMint.body());
        Http.Response refreshed = refresh(rt(json(narrowedLogin)));
        assertEquals(200, refreshed.status(), refreshed.body());
        for (Http.Response narrowed : List.of(narrowedLogin, basicMint, bearerMint, refreshed)) {
            String token = at(json(narrowed));
            assertEquals("messages:read", json(narrowed).get("scope").textValue());
            assertEquals(List.of(), roles(http.bearerGet("/auth/me", token)));
            Http.Response page = http.bearerGet("/admin/users", token);
            assertEquals(403, page.status(), "a messages:read token reached /admin/users: " + page.body());
            assertEquals(404, http.raw("DELETE", "/app/auth/token/" + other.get("id").textValue(),
                    List.of("Authorization: Bearer " + token), null).status(), "revoked someone's token as admin");
        }
        assertEquals(200, http.bearerGet("/auth/me", at(other)).status());
        Http.Response wide = http.postJson("/auth/token", "{}", "Authorization", basic("boss", Seed.PASSWORD));
        assertEquals(201, wide.status(), wide.body());
        assertEquals(List.of("admin"), roles(http.bearerGet("/auth/me", at(json(wide)))),
                "control: a token holding all of the role's scopes keeps the role");
    }

    @Test
    void aRoleIsKeptOnlyWhileTheTokensScopesCoverAllOfItsScopesAndAlwaysWithoutScopes() {
        JsonNode narrowed = json(http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\""
                + Seed.PASSWORD + "\",\"scopes\":[\"messages:read\"]}"));
        assertEquals(List.of(), roles(http.bearerGet("/auth/me", at(narrowed))), "user needs messages:send too");
        assertEquals(List.of("user"), roles(http.bearerGet("/auth/me", at(login("alice")))));
        // bob's role guest has no configured scopes: nothing to narrow, so it stays.
        assertEquals(List.of("guest"), roles(http.bearerGet("/auth/me", at(login("bob")))));
    }

    @Test
    void aDemotedAdminsTokenCannotRevokeOtherUsersTokens() throws Exception {
        JsonNode admin = login("deposed");
        JsonNode victim = login("carol");
        String victimJti = victim.get("id").textValue();
        setRoles("deposed", "user");
        try {
            Http.Response del = http.raw("DELETE", "/app/auth/token/" + victimJti,
                    List.of("Authorization: Bearer " + at(admin)), null);
            assertEquals(404, del.status(), del.body());
            assertEquals(200, http.bearerGet("/auth/me", at(victim)).status());
            Http.Response basicDel = http.raw("DELETE", "/app/auth/token/" + victimJti,
                    List.of("Authorization: " + basic("deposed", Seed.PASSWORD)), null);
            assertEquals(404, basicDel.status(), basicDel.body());
            assertEquals(200, http.bearerGet("/auth/me", at(victim)).status());
        } finally {
            setRoles("deposed", "admin");
        }
        assertEquals(204, http.raw("DELETE", "/app/auth/token/" + victimJti,
                List.of("Authorization: Bearer " + at(admin)), null).status(), "control: the admin again");
        assertEquals(REVOKED, http.bearerGet("/auth/me", at(victim)).header("WWW-Authenticate"));
    }
}
