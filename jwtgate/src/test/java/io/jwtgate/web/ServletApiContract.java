package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RefusingFilter;
import io.jwtgate.support.Seed;
import io.jwtgate.support.ServletApiServlet;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import jakarta.servlet.DispatcherType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
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
 * Issue 10 item 5: legacy code calls the servlet security API itself. {@code request.logout()}
 * ends the caller's JwtGate session and clears the caller, {@code authenticate(response)} answers
 * with JwtGate's challenge, {@code login(user, password)} checks the store with the lockout; the
 * caller stays visible on FORWARD, INCLUDE, ASYNC and ERROR dispatches while the rules judged the
 * original request. JwtAuthFilter is mapped for the dispatcher types its web-fragment.xml declares
 * (decision 265); an include keeps the caller without one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletApiContract {

    static final String REVOKED = "Bearer realm=\"jwtgate\", error=\"invalid_token\","
            + " error_description=\"The access token has been revoked\"";
    static final String WRONG = "not the servlet password";
    /** The {@code <dispatcher>}s of JwtAuthFilter in the jar's web-fragment.xml and the sample's web.xml. */
    static final EnumSet<DispatcherType> FRAGMENT_DISPATCHERS = EnumSet.of(DispatcherType.REQUEST,
            DispatcherType.FORWARD, DispatcherType.ASYNC, DispatcherType.ERROR);

    private Path dir;
    private final MutableClock clock = new MutableClock(Instant.now());
    private Container.Running server;
    Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        io.jwtgate.support.Secrets.remember(WRONG);
        dir = Files.createTempDirectory("jwtgate-servlet-api");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.login.max-failures", "3");
        params.put("jwtgate.login.address-max-failures", "1000");
        params.put("jwtgate.rules", "/public/** -> permit\n/** -> authenticated");
        Seed.users(params);
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
            for (String name : List.of("lena", "carol", "locky", "dora", "basil")) {
                gate.accounts().create(name, null, Seed.PASSWORD, Set.of("user"));
            }
        }
        server = container().startDispatching(params, dir, Map.of("io.jwtgate.clock", clock),
                List.of(new Deployment.FilterMapping("refusing", RefusingFilter.class, "/*"),
                        new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*", FRAGMENT_DISPATCHERS)),
                List.of(new Deployment.ServletMapping("servlet-api", ServletApiServlet.class, "/api/sec/*", -1),
                        new Deployment.ServletMapping("servlet-api-public", ServletApiServlet.class, "/public/sec/*",
                                -1)),
                Map.of(ServletApiServlet.ERROR_STATUS, "/api/sec/whoami", 403, "/api/sec/whoami"));
        assertTrue(server.available(), server.startFailure());
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

    String token(String user) {
        return login(user).get("access_token").textValue();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code request.login(user, password)} in the application, on a path the rules permit. */
    Http.Response servletLogin(String path, String user, String password, String... headers) {
        String form = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.post(path, "application/x-www-form-urlencoded", form, headers);
    }

    /** The stored audit rows of {@code event} for {@code username}, oldest first, as their details. */
    List<JsonNode> audit(String event, String username) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir));
                PreparedStatement p = c.prepareStatement("SELECT details FROM jwtgate_audit_events"
                        + " WHERE event = ? AND username = ? ORDER BY occurred_at")) {
            p.setString(1, event);
            p.setString(2, username);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(StrictJson.parse(rs.getString(1).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return rows;
    }

    static void assertAnonymous(JsonNode body) {
        assertTrue(body.get("principal").isNull(), body.toString());
        assertTrue(body.get("remoteUser").isNull(), body.toString());
        assertTrue(body.get("authType").isNull(), body.toString());
        assertFalse(body.get("isUser").booleanValue(), body.toString());
        assertTrue(body.get("username").isNull(), body.toString());
        assertTrue(body.get("authMethod").isNull(), body.toString());
    }

    static void assertCaller(String user, String authType, JsonNode body) {
        assertEquals(user, body.get("principal").textValue(), body.toString());
        assertEquals(user, body.get("remoteUser").textValue(), body.toString());
        assertEquals(authType, body.get("authType").textValue(), body.toString());
        assertTrue(body.get("isUser").booleanValue(), body.toString());
        assertEquals(user, body.get("username").textValue(), body.toString());
        assertEquals(authType, body.get("authMethod").textValue(), body.toString());
    }

    // ---- logout()

    @Test
    void logoutClearsThePrincipalForTheRestOfTheRequest() {
        Http.Response r = http.bearerGet("/api/sec/logout", token("lena"));
        assertEquals(200, r.status(), r.body());
        assertAnonymous(json(r));
        assertFalse(json(r).has("logoutError"), r.body());
    }

    @Test
    void logoutRevokesTheCallersSessionAndIsAudited() throws Exception {
        JsonNode tokens = login("dora");
        String access = tokens.get("access_token").textValue();
        int before = audit("logout", "dora").size();
        assertEquals(200, http.bearerGet("/api/sec/whoami", access).status());
        assertEquals(200, http.bearerGet("/api/sec/logout", access).status());
        Http.Response again = http.bearerGet("/api/sec/whoami", access);
        assertEquals(401, again.status(), again.body());
        assertEquals(REVOKED, again.header("WWW-Authenticate"));
        Http.Response refresh = http.postJson("/auth/refresh",
                "{\"refresh_token\":\"" + tokens.get("refresh_token").textValue() + "\"}");
        assertEquals(401, refresh.status(), "the session's refresh token dies with it");
        List<JsonNode> logouts = audit("logout", "dora");
        assertEquals(before + 1, logouts.size());
        assertTrue(logouts.get(logouts.size() - 1).has("session"), logouts.toString());
    }

    @Test
    void basicLogoutClearsThePrincipalAndRevokesNothing() {
        Http.Response r = http.get("/api/sec/logout", "Authorization", basic("basil", Seed.PASSWORD));
        assertEquals(200, r.status(), r.body());
        assertAnonymous(json(r));
        Http.Response next = http.get("/api/sec/whoami", "Authorization", basic("basil", Seed.PASSWORD));
        assertEquals(200, next.status(), next.body());
        assertCaller("basil", "BASIC", json(next));
    }

    @Test
    void anonymousLogoutDoesNothing() {
        Http.Response r = http.get("/public/sec/logout");
        assertEquals(200, r.status(), r.body());
        assertAnonymous(json(r));
        assertFalse(json(r).has("logoutError"), r.body());
    }

    /** Runs {@code action} while {@code table} is renamed away: every statement on it fails, a store fault. */
    private <T> T withoutTable(String table, java.util.function.Supplier<T> action) throws Exception {
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir));
                java.sql.Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " RENAME TO " + table + "_away");
            try {
                return action.get();
            } finally {
                s.execute("ALTER TABLE " + table + "_away RENAME TO " + table);
            }
        }
    }

    @Test
    void logoutWhoseSessionTheStoreCannotEndThrowsAndStillClearsTheCaller() throws Exception {
        String access = token("lena");
        Http.Response r = withoutTable("jwtgate_refresh_tokens", () -> http.bearerGet("/api/sec/logout", access));
        assertEquals(200, r.status(), r.body());
        assertEquals(AuthenticatedRequest.STORE_FAULT_LOGOUT, json(r).get("logoutError").textValue(), r.body());
        assertAnonymous(json(r));
    }

    // ---- authenticate(response)

    @Test
    void authenticateAnswersAnAnonymousCallerWithTheFiltersChallenge() {
        Http.Response fromApp = http.get("/public/sec/authenticate");
        Http.Response fromFilter = http.get("/api/sec/whoami");
        assertEquals(401, fromApp.status(), fromApp.body());
        assertEquals(List.of("Bearer realm=\"jwtgate\"", "Basic realm=\"jwtgate\", charset=\"UTF-8\""),
                fromApp.headers("WWW-Authenticate"));
        assertEquals(fromFilter.headers("WWW-Authenticate"), fromApp.headers("WWW-Authenticate"));
        assertEquals("unauthorized", json(fromApp).get("error").textValue());
        assertEquals(fromFilter.body(), fromApp.body());
    }

    @Test
    void authenticateIsTrueForABearerCaller() {
        Http.Response r = http.bearerGet("/api/sec/authenticate", token("alice"));
        assertEquals(200, r.status(), r.body());
        assertTrue(json(r).get("authenticated").booleanValue());
        assertCaller("alice", "BEARER", json(r));
    }

    // ---- login(user, password)

    @Test
    void loginWithTheRightPasswordSetsThePrincipalAndIsAudited() throws Exception {
        int before = audit("login_success", "carol").size();
        Http.Response r = servletLogin("/public/sec/login", "carol", Seed.PASSWORD);
        assertEquals(200, r.status(), r.body());
        assertFalse(json(r).has("loginError"), r.body());
        assertCaller("carol", "FORM", json(r));
        List<JsonNode> successes = audit("login_success", "carol");
        assertEquals(before + 1, successes.size());
        assertEquals("servlet_login", successes.get(successes.size() - 1).get("method").textValue());
    }

    @Test
    void wrongPasswordThrowsAndCountsTowardTheLockout() throws Exception {
        for (int i = 0; i < 3; i++) {
            Http.Response r = servletLogin("/public/sec/login", "locky", WRONG);
            assertEquals("Login failed", json(r).get("loginError").textValue(), r.body());
            assertAnonymous(json(r));
        }
        assertEquals(3, audit("login_failure", "locky").size());
        assertEquals(1, audit("lockout", "locky").size());
        Http.Response locked = servletLogin("/public/sec/login", "locky", Seed.PASSWORD);
        assertEquals("Login failed", json(locked).get("loginError").textValue(), "locked: the right password fails");
        assertAnonymous(json(locked));
        Http.Response endpoint = http.postJson("/auth/login",
                "{\"username\":\"locky\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(429, endpoint.status(), "one lockout for the login endpoint and request.login");
    }

    @Test
    void unknownUserGetsTheSameExceptionTextAsAWrongPassword() {
        Http.Response unknown = servletLogin("/public/sec/login", "nobody-by-this-name", WRONG);
        Http.Response wrong = servletLogin("/public/sec/login", "alice", WRONG);
        assertEquals("Login failed", json(unknown).get("loginError").textValue());
        assertEquals(json(wrong).get("loginError"), json(unknown).get("loginError"));
        assertAnonymous(json(unknown));
    }

    @Test
    void loginTheStoreCannotCheckThrowsAnotherTextThanAFailedLogin() throws Exception {
        Http.Response r = withoutTable("jwtgate_users",
                () -> servletLogin("/public/sec/login", "carol", Seed.PASSWORD));
        assertEquals(200, r.status(), r.body());
        assertEquals(AuthenticatedRequest.STORE_FAULT_LOGIN, json(r).get("loginError").textValue(), r.body());
        assertAnonymous(json(r));
    }

    @Test
    void loginWhenAlreadyAuthenticatedThrowsAndKeepsTheCaller() {
        Http.Response r = servletLogin("/api/sec/login", "carol", Seed.PASSWORD,
                "Authorization", "Bearer " + token("alice"));
        assertEquals(200, r.status(), r.body());
        String error = json(r).get("loginError").textValue();
        assertNotEquals("Login failed", error);
        assertTrue(error.contains("already authenticated"), error);
        assertCaller("alice", "BEARER", json(r));
    }

    // ---- dispatches

    @Test
    void callerIsVisibleOnAForward() {
        JsonNode body = json(http.bearerGet("/api/sec/forward", token("alice")));
        assertEquals("FORWARD", body.get("dispatcher").textValue());
        assertCaller("alice", "BEARER", body);
    }

    @Test
    void callerIsVisibleOnAnInclude() {
        Http.Response r = http.bearerGet("/api/sec/include", token("alice"));
        assertEquals(200, r.status(), r.body());
        JsonNode body = json(r);
        assertEquals("INCLUDE", body.get("dispatcher").textValue());
        assertCaller("alice", "BEARER", body);
    }

    @Test
    void callerIsVisibleOnAnAsyncDispatch() {
        Http.Response r = http.bearerGet("/api/sec/async", token("alice"));
        assertEquals(200, r.status(), r.body());
        assertEquals("ASYNC", json(r).get("dispatcher").textValue());
        assertCaller("alice", "BEARER", json(r));
    }

    @Test
    void callerIsVisibleToAsyncContextStartOnAnotherThread() {
        Http.Response r = http.bearerGet("/api/sec/async-start", token("alice"));
        assertEquals(200, r.status(), r.body());
        assertCaller("alice", "BEARER", json(r));
    }

    @Test
    void callerIsVisibleOnTheErrorPageDispatch() {
        Http.Response r = http.get("/api/sec/error", "Authorization", basic("alice", Seed.PASSWORD));
        assertEquals(ServletApiServlet.ERROR_STATUS, r.status(), r.body());
        assertEquals("ERROR", json(r).get("dispatcher").textValue());
        assertCaller("alice", "BASIC", json(r));
    }

    @Test
    void callerLoggedInByTheApplicationIsVisibleOnAForward() {
        Http.Response r = servletLogin("/public/sec/login-forward", "carol", Seed.PASSWORD);
        assertEquals(200, r.status(), r.body());
        assertEquals("FORWARD", json(r).get("dispatcher").textValue());
        assertCaller("carol", "FORM", json(r));
    }

    @Test
    void errorPageOfAnAnswerGivenBeforeJwtGateJudgedIsJudgedOnItsOwnPath() {
        // The application's filter before JwtGate answered 403; its error page lies on a path the rules
        // protect, so it is judged there: a caller sees it (with the 403), an anonymous client never does.
        Http.Response caller = http.get(RefusingFilter.PREFIX + "x", "Authorization", "Bearer " + token("alice"));
        assertEquals(403, caller.status(), caller.body());
        assertEquals("ERROR", json(caller).get("dispatcher").textValue());
        assertCaller("alice", "BEARER", json(caller));
        Http.Response anonymous = http.get(RefusingFilter.PREFIX + "y");
        assertEquals(401, anonymous.status(), anonymous.body());
        assertEquals("unauthorized", json(anonymous).get("error").textValue(), "the page is not rendered");
    }

    @Test
    void rulesApplyToTheOriginalRequestNotToTheForwardTarget() {
        // /public/** is permitted: its forward to the protected /api/sec/whoami is not judged again.
        Http.Response anonymous = http.get("/public/sec/forward-api");
        assertEquals(200, anonymous.status(), anonymous.body());
        assertEquals("FORWARD", json(anonymous).get("dispatcher").textValue());
        assertAnonymous(json(anonymous));
        Http.Response direct = http.get("/api/sec/whoami");
        assertEquals(401, direct.status());
    }
}
