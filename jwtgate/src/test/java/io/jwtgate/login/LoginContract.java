package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /auth/login} and {@code GET /auth/me} over real HTTP; run once per container. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LoginContract {

    static final String INVALID_GRANT =
            "{\"error\":\"invalid_grant\",\"error_description\":\"The username or password is incorrect\"}";

    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-login");
        Map<String, String> params = TestSettings.params(dir);
        Seed.users(params);
        server = container().start(params, dir);
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private Http.Response login(String json) {
        return http.postJson("/auth/login", json);
    }

    private static String credentials(String name, String password) {
        return StrictJson.mapper().createObjectNode().put("username", name).put("password", password).toString();
    }

    @Test
    void jsonLoginReturnsTheTokenResponse() {
        Http.Response r = login(credentials("alice", Seed.PASSWORD));
        assertEquals(200, r.status());
        assertEquals("no-store", r.header("Cache-Control"));
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        JsonNode body = json(r);
        assertEquals("Bearer", body.get("token_type").textValue());
        assertEquals(900, body.get("expires_in").intValue());
        Instant expiresAt = Instant.parse(body.get("expires_at").textValue());
        assertTrue(body.get("expires_at").textValue().endsWith("Z"));
        assertTrue(expiresAt.isAfter(Instant.now().plusSeconds(800)));
        assertEquals("messages:read messages:send", body.get("scope").textValue());
        assertFalse(body.get("id").textValue().isEmpty());
        assertEquals(3, body.get("access_token").textValue().split("\\.").length);
    }

    @Test
    void formLoginWorks() {
        Http.Response r = http.post("/auth/login", "application/x-www-form-urlencoded",
                "username=alice&password=" + Seed.PASSWORD.replace(" ", "+") + "&scopes=messages%3Aread");
        assertEquals(200, r.status(), r.body());
        assertEquals("messages:read", json(r).get("scope").textValue());
    }

    @Test
    void formLoginWithPercentEncodedInvalidUtf8Gets400NotAFailedLogin() {
        String password = Seed.PASSWORD.replace(" ", "+");
        for (String body : List.of("username=alice&password=" + password + "%E9", "username=alic%E9&password="
                + password, "username=alice&password=%FF%FE")) {
            Http.Response r = http.post("/auth/login", "application/x-www-form-urlencoded", body);
            assertEquals(400, r.status(), body + ": " + r.body());
            assertEquals("{\"error\":\"invalid_request\",\"error_description\":\"The form is not UTF-8\"}", r.body());
        }
    }

    @Test
    void loginDeclaredInAnotherCharsetGets415() {
        String form = "username=alice&password=" + Seed.PASSWORD.replace(" ", "+");
        String json = credentials("alice", Seed.PASSWORD);
        for (String[] typed : List.of(new String[] {"application/x-www-form-urlencoded; charset=ISO-8859-1", form},
                new String[] {"application/x-www-form-urlencoded; Charset=\"latin1\"", form},
                new String[] {"application/json; charset=utf-16", json},
                new String[] {"application/json; charset=\"UTF-32\"", json})) {
            Http.Response r = http.post("/auth/login", typed[0], typed[1]);
            assertEquals(415, r.status(), typed[0] + ": " + r.body());
            assertEquals("{\"error\":\"invalid_request\",\"error_description\":\"The body must be UTF-8\"}", r.body());
        }
        for (String[] typed : List.of(new String[] {"application/x-www-form-urlencoded; charset=utf-8", form},
                new String[] {"application/json; charset=\"UTF-8\"", json})) {
            Http.Response r = http.post("/auth/login", typed[0], typed[1]);
            assertEquals(200, r.status(), typed[0] + ": " + r.body());
        }
    }

    @Test
    void loginByEmailIsCaseInsensitiveOnTheAddress() {
        Http.Response r = login("{\"email\":\"Alice@Example.org\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void unknownUserAndWrongPasswordGetIdenticalAnswers() {
        Http.Response wrong = login(credentials("alice", "not the password"));
        Http.Response unknown = login(credentials("mallory", "not the password"));
        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals(INVALID_GRANT, wrong.body());
        assertEquals(wrong.body(), unknown.body());
        assertEquals(wrong.headers("WWW-Authenticate"), unknown.headers("WWW-Authenticate"));
        assertEquals(wrong.header("Content-Type"), unknown.header("Content-Type"));
    }

    @Test
    void usernameIsCaseSensitive() {
        assertEquals(401, login(credentials("ALICE", Seed.PASSWORD)).status());
    }

    @Test
    void requestedScopesNarrowTheToken() {
        Http.Response r = login("{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD
                + "\",\"scopes\":[\"messages:read\"]}");
        assertEquals("messages:read", json(r).get("scope").textValue());
    }

    @Test
    void scopesBeyondTheRolesGet400InvalidScope() {
        Http.Response r = login("{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD
                + "\",\"scopes\":[\"admin:all\"]}");
        assertEquals(400, r.status());
        assertEquals("invalid_scope", json(r).get("error").textValue());
    }

    @Test
    void adminWithAllAnyMayAskForAnyScope() {
        Http.Response r = login("{\"username\":\"admin\",\"password\":\"" + Seed.PASSWORD
                + "\",\"scopes\":[\"reports:export\"]}");
        assertEquals(200, r.status());
        assertEquals("reports:export", json(r).get("scope").textValue());
    }

    @Test
    void malformedBodiesGet400WithoutDetailsLeaking() {
        for (String body : List.of("", "{", "[]", "null", "\"x\"", "{\"username\":\"alice\"}",
                "{\"username\":5,\"password\":\"x\"}", "{\"username\":\"a\",\"email\":\"a@b.c\",\"password\":\"x\"}",
                "{\"username\":\"alice\",\"username\":\"admin\",\"password\":\"x\"}",
                "{\"username\":\"alice\",\"password\":\"x\",\"scopes\":\"messages:read\"}",
                "{\"username\":\"alice\",\"password\":\"x\",\"scopes\":[1]}",
                "{\"username\":\"alice\",\"password\":\"x\",}", "\ufeff{\"username\":\"alice\",\"password\":\"x\"}")) {
            Http.Response r = login(body);
            assertEquals(400, r.status(), body);
            JsonNode error = json(r);
            assertEquals("invalid_request", error.get("error").textValue(), body);
            assertFalse(r.body().contains("Exception"), r.body());
        }
    }

    @Test
    void invalidUtf8BodyGets400() {
        Http.Response r = http.raw("POST", "/app/auth/login", List.of("Content-Type: application/json"),
                "{\"username\":\"\u00e9\"}".replace("\u00e9", "\ud800"));
        assertEquals(400, r.status());
    }

    @Test
    void oversizedBodyGets413() {
        String big = "{\"username\":\"alice\",\"password\":\"" + "x".repeat(20_000) + "\"}";
        Http.Response r = login(big);
        assertEquals(413, r.status());
        assertEquals("invalid_request", json(r).get("error").textValue());
    }

    /**
     * A server that answers and closes with part of the body unread makes its TCP stack reset
     * the connection, and a client still sending may then lose the 413 (under Jetty 12, 4 of 200
     * 1 MiB logins failed so). JwtGate reads such a body to its end first, so the client
     * reads the whole answer and then a clean end of stream, never a reset. Whether the reset
     * happens depends on timing, so this end-to-end check can pass without the fix;
     * {@code RequestBodiesTest} checks exactly how much is read.
     */
    @Test
    void oversizedBodyGets413WithoutResettingTheConnectionUnderTheSendingClient() {
        byte[] body = credentials("alice", "x".repeat(1024 * 1024)).getBytes(StandardCharsets.US_ASCII);
        String head = "POST /app/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes(body);

        String answer = http.rawExchange(wire.toByteArray());

        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(answer.contains("\"invalid_request\""), answer);
    }

    /**
     * A client that waits for 100 Continue gets the 413 without sending the body: the exchange
     * ends although the body never comes. Tomcat sends the interim 100 on its own before any
     * servlet runs, which RFC 9110 §15.2.1 allows, so one may precede the final answer.
     */
    @Test
    void oversizedBodyAnnouncedWithExpectContinueGets413WithoutTheBodyBeingSent() {
        String head = "POST /app/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " + (1024 * 1024) + "\r\n\r\n";

        String answer = http.rawExchange(head.getBytes(StandardCharsets.US_ASCII));

        String interim = "HTTP/1.1 100 \r\n\r\n";
        String last = answer.startsWith(interim) ? answer.substring(interim.length()) : answer;
        assertTrue(last.startsWith("HTTP/1.1 413 "), answer);
    }

    @Test
    void unsupportedContentTypeGets415() {
        Http.Response r = http.post("/auth/login", "text/plain", credentials("alice", Seed.PASSWORD));
        assertEquals(415, r.status());
    }

    @Test
    void getOnLoginGets405WithAllow() {
        Http.Response r = http.get("/auth/login");
        assertEquals(405, r.status());
        assertEquals("POST", r.header("Allow"));
    }

    @Test
    void unknownEndpointAndDisabledRegistrationGet404() {
        assertEquals(404, http.get("/auth/nothing").status());
        assertEquals(404, http.postJson("/auth/register", "{}").status());
    }

    @Test
    void meDescribesTheCaller() {
        JsonNode login = json(login(credentials("alice", Seed.PASSWORD)));
        Http.Response r = http.bearerGet("/auth/me", login.get("access_token").textValue());
        assertEquals(200, r.status());
        JsonNode me = json(r);
        assertEquals("alice", me.get("username").textValue());
        assertEquals("[\"user\"]", me.get("roles").toString());
        assertEquals("[\"messages:read\",\"messages:send\"]", me.get("scopes").toString());
        assertEquals(login.get("id").textValue(), me.get("token_id").textValue());
        assertEquals(login.get("expires_at").textValue(), me.get("expires_at").textValue());
        assertFalse(me.get("sub").textValue().isEmpty());
    }

    @Test
    void meWithoutTokenGets401AndWithBadTokenGets401InvalidToken() {
        Http.Response none = http.get("/auth/me");
        assertEquals(401, none.status());
        assertEquals("Bearer realm=\"jwtgate\"", none.header("WWW-Authenticate"));
        Http.Response bad = http.bearerGet("/auth/me", "x.y.z");
        assertEquals(401, bad.status());
        assertEquals("invalid_token", json(bad).get("error").textValue());
        assertNull(json(bad).get("access_token"));
    }
}
