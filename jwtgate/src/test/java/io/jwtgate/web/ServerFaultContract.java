package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.FaultyClock;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An unexpected runtime failure inside JwtGate (a clock that throws, injected through the
 * {@code io.jwtgate.clock} attribute) is a 500 with the plain JSON error body at every entry point:
 * never a 401 that would send the client to log in again, never a pass-through to the
 * application, never a container error page with a stack trace. Run once per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerFaultContract {

    static final String SERVER_ERROR_BODY =
            "{\"error\":\"server_error\",\"error_description\":\"The server failed to handle the request\"}";

    private final FaultyClock clock = new FaultyClock();
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-fault");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        Seed.users(params);
        server = container().start(params, dir, Map.of("io.jwtgate.clock", clock));
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode login(String user) {
        Http.Response r = http.postJson("/auth/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one request with the clock armed. */
    private Http.Response withFault(Supplier<Http.Response> request) {
        clock.arm();
        try {
            return request.get();
        } finally {
            clock.disarm();
        }
    }

    private static void assertPlain500(Http.Response r) {
        assertEquals(500, r.status(), r.body());
        assertEquals(SERVER_ERROR_BODY, r.body());
        assertEquals(List.of(), r.headers("WWW-Authenticate"));
        assertEquals("no-store", r.header("Cache-Control"));
        assertFalse(r.body().contains(FaultyClock.FAULT), "the cause stays in the log");
        assertFalse(r.body().contains("\"reached\""), "the application must not be reached: " + r.body());
    }

    @Test
    void faultWhileCheckingABearerTokenOnAProtectedPathGets500NotA401AndNeverReachesTheApp() {
        String token = login("alice").get("access_token").textValue();
        assertEquals(200, http.bearerGet("/api/hello", token).status(), "control: the token works");

        assertPlain500(withFault(() -> http.bearerGet("/api/hello", token)));
    }

    @Test
    void faultWhileCheckingBasicCredentialsOnAProtectedPathGets500NotA401AndNeverReachesTheApp() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                ("bob:" + Seed.PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, http.get("/api/hello", "Authorization", basic).status(), "control: Basic works");

        assertPlain500(withFault(() -> http.get("/api/hello", "Authorization", basic)));
    }

    @Test
    void faultDuringLoginGets500NotA401() {
        assertPlain500(withFault(() -> http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}")));
    }

    @Test
    void faultDuringRefreshGets500NotA401OrInvalidGrant() {
        String refresh = login("alice").get("refresh_token").textValue();

        assertPlain500(withFault(() -> http.postJson("/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}")));
    }

    @Test
    void faultDuringTokenMintingGets500NotA401() {
        String token = login("admin").get("access_token").textValue();

        assertPlain500(withFault(() -> http.postJson("/auth/token", "{}", "Authorization", "Bearer " + token)));
    }

    @Test
    void faultDuringMeGets500NotA401() {
        String token = login("alice").get("access_token").textValue();
        assertEquals(200, http.bearerGet("/auth/me", token).status(), "control: /auth/me answers");

        assertPlain500(withFault(() -> http.bearerGet("/auth/me", token)));
    }
}
