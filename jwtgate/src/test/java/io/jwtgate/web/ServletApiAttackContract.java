package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Seed;
import io.jwtgate.support.ServletApiServlet;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outside review of {@code request.login(user, password)} (issue 10 item 5) with the inputs legacy
 * code really passes: {@code getParameter} answers null for a missing field, and forms send empty
 * strings. Each must end in {@code ServletException} (the application's own answer), never a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletApiAttackContract {

    private final MutableClock clock = new MutableClock(Instant.now());
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-servlet-api-attack");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.rules", "/public/** -> permit\n/** -> authenticated");
        Seed.users(params);
        server = container().startDispatching(params, dir, Map.of("io.jwtgate.clock", clock),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ASYNC,
                                DispatcherType.ERROR))),
                List.of(new Deployment.ServletMapping("servlet-api-public", ServletApiServlet.class, "/public/sec/*",
                        -1)),
                Map.of());
        assertTrue(server.available(), server.startFailure());
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode loginWithForm(String form) {
        Http.Response r = http.post("/public/sec/login", "application/x-www-form-urlencoded", form);
        assertEquals(200, r.status(), "request.login must throw ServletException, not fail the request: " + r);
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loginWithoutUserOrPasswordThrowsServletException() {
        JsonNode body = loginWithForm("x=1");
        assertTrue(body.get("principal").isNull(), body.toString());
        assertTrue(body.hasNonNull("loginError"), body.toString());
    }

    @Test
    void loginWithAUserAndNoPasswordThrowsServletException() {
        JsonNode body = loginWithForm("user=alice");
        assertTrue(body.get("principal").isNull(), body.toString());
        assertTrue(body.hasNonNull("loginError"), body.toString());
    }

    @Test
    void loginWithEmptyUserAndPasswordThrowsServletException() {
        JsonNode body = loginWithForm("user=&password=");
        assertTrue(body.get("principal").isNull(), body.toString());
        assertTrue(body.hasNonNull("loginError"), body.toString());
    }

    @Test
    void loginWithTheRightPasswordStillWorks() {
        JsonNode body = loginWithForm("user=alice&password=" + java.net.URLEncoder.encode(Seed.PASSWORD,
                StandardCharsets.UTF_8));
        assertEquals("alice", body.get("principal").textValue(), body.toString());
    }
}
