package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.ServletApiServlet;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 10 item 4: Bearer and Basic requests never create an HTTP session, whether they succeed
 * or fail, reach the application, a dispatch of it or the login endpoints. The application reports
 * {@code request.getSession(false)}; no response carries the container's session cookie. The
 * control: a servlet that creates a session itself does get that cookie in the same container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NoHttpSessionContract {

    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-no-session");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.rules", "/public/** -> permit\n/** -> authenticated");
        Seed.users(params);
        server = container().startDispatching(params, dir, Map.of(),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        ServletApiContract.FRAGMENT_DISPATCHERS)),
                List.of(new Deployment.ServletMapping("servlet-api", ServletApiServlet.class, "/api/sec/*", -1),
                        new Deployment.ServletMapping("servlet-api-public", ServletApiServlet.class, "/public/sec/*",
                                -1)),
                Map.of(ServletApiServlet.ERROR_STATUS, "/api/sec/whoami"));
        assertTrue(server.available(), server.startFailure());
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode tokens() {
        Http.Response r = http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        assertNoSessionCookie(r);
        return json(r);
    }

    private static boolean hasSessionCookie(Http.Response r) {
        return r.headers("Set-Cookie").stream().anyMatch(c -> c.toUpperCase(java.util.Locale.ROOT).contains("SESSIONID"));
    }

    private static void assertNoSessionCookie(Http.Response r) {
        assertFalse(hasSessionCookie(r), r.status() + " " + r.headers("Set-Cookie"));
    }

    /** A response the application wrote: it saw no session, and none was sent. */
    private static void assertNoSession(Http.Response r) {
        assertNoSessionCookie(r);
        assertFalse(json(r).get("session").booleanValue(), r.body());
    }

    @Test
    void theControlAServletThatCreatesASessionGetsTheCookie() {
        Http.Response r = http.get("/public/sec/session");
        assertEquals(200, r.status(), r.body());
        assertTrue(hasSessionCookie(r), r.headers("Set-Cookie").toString());
        assertTrue(json(r).get("session").booleanValue());
    }

    @Test
    void successfulBearerAndBasicRequestsCreateNoSessionOnAnyDispatch() {
        String bearer = "Bearer " + tokens().get("access_token").textValue();
        String basic = basic("alice", Seed.PASSWORD);
        List<Http.Response> answers = new ArrayList<>();
        for (String credentials : List.of(bearer, basic)) {
            for (String action : List.of("whoami", "forward", "include", "async", "async-start", "error",
                    "authenticate")) {
                Http.Response r = http.get("/api/sec/" + action, "Authorization", credentials);
                assertEquals("error".equals(action) ? ServletApiServlet.ERROR_STATUS : 200, r.status(),
                        action + ": " + r.body());
                assertFalse(r.body().isEmpty(), action + " answered " + r.status() + " " + r.headers());
                assertEquals("alice", json(r).get("principal").textValue(), action + ": " + r.body());
                answers.add(r);
            }
        }
        answers.forEach(NoHttpSessionContract::assertNoSession);
    }

    @Test
    void servletLoginAndLogoutCreateNoSession() {
        Http.Response login = http.post("/public/sec/login", "application/x-www-form-urlencoded",
                "user=alice&password=" + java.net.URLEncoder.encode(Seed.PASSWORD, StandardCharsets.UTF_8));
        assertEquals("alice", json(login).get("principal").textValue(), login.body());
        assertNoSession(login);
        Http.Response wrong = http.post("/public/sec/login", "application/x-www-form-urlencoded",
                "user=alice&password=wrong");
        assertEquals("Login failed", json(wrong).get("loginError").textValue(), wrong.body());
        assertNoSession(wrong);
        Http.Response logout = http.bearerGet("/api/sec/logout", tokens().get("access_token").textValue());
        assertTrue(json(logout).get("principal").isNull(), logout.body());
        assertNoSessionCookie(logout);
        assertFalse(json(logout).get("session").booleanValue());
        Http.Response challenge = http.get("/public/sec/authenticate");
        assertEquals(401, challenge.status());
        assertNoSessionCookie(challenge);
    }

    @Test
    void refusedRequestsCreateNoSession() {
        List<Http.Response> refused = List.of(
                http.bearerGet("/api/sec/whoami", "not.a.token"),
                http.get("/api/sec/whoami", "Authorization", basic("alice", "wrong")),
                http.get("/api/sec/whoami"),
                http.get("/api/sec/whoami", "Authorization", "Bearer a b"));
        for (Http.Response r : refused) {
            assertTrue(r.status() == 401 || r.status() == 400, r.status() + " " + r.body());
            assertNoSessionCookie(r);
        }
    }

    @Test
    void loginServletEndpointsCreateNoSession() {
        JsonNode tokens = tokens();
        String access = tokens.get("access_token").textValue();
        List<Http.Response> answers = List.of(
                http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"wrong\"}"),
                http.bearerGet("/auth/me", access),
                http.get("/auth/me", "Authorization", basic("alice", Seed.PASSWORD)),
                http.get("/auth/me"),
                http.postJson("/auth/token", "{\"scopes\":[\"messages:read\"]}", "Authorization",
                        basic("alice", Seed.PASSWORD), "Origin", http.origin()),
                http.postJson("/auth/refresh", "{\"refresh_token\":\"" + tokens.get("refresh_token").textValue()
                        + "\"}"),
                http.postJson("/auth/logout", "{}", "Authorization", "Bearer " + access));
        List<Integer> statuses = answers.stream().map(Http.Response::status).toList();
        assertEquals(List.of(401, 200, 200, 401, 201, 200, 204), statuses, answers.toString());
        answers.forEach(NoHttpSessionContract::assertNoSessionCookie);
    }
}
