package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The verified-token cache seen from outside (issue 14 item 2): a token answered from the cache is
 * still refused the moment it expires or is revoked, and the rules still judge it on every request,
 * on exact, prefix, extension and default mappings. The node's clock is the test's, so expiry needs
 * no sleeping. Run once per container by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokenCacheContract {

    private static final List<String> PATHS = List.of("/api/hello", "/api/x/y", "/admin/users", "/reports/x.do", "/x");

    private final MutableClock clock = new MutableClock(Instant.now());
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-token-cache");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.rules", "/admin/** -> role:admin\n/** -> authenticated");
        params.put("jwtgate.access-token.ttl", "PT5M");
        params.put("jwtgate.clock-skew", "PT30S");
        Seed.users(params);
        server = container().start(params, dir, Map.of("io.jwtgate.clock", clock));
        assertTrue(server.available(), server.startFailure());
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String login(String user) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return json(r).get("access_token").textValue();
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefusedAs(String description, String token) {
        for (String path : PATHS) {
            Http.Response r = http.bearerGet(path, token);
            assertEquals(401, r.status(), path + ": " + r.body());
            assertEquals("{\"error\":\"invalid_token\",\"error_description\":\"" + description + "\"}", r.body(), path);
        }
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpiresPlusTheSkew() {
        String token = login("alice");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, http.bearerGet("/api/hello", token).status(), "seen again: answered from the cache");
        }
        clock.advance(Duration.ofMinutes(5).plusSeconds(29));
        assertEquals(200, http.bearerGet("/api/hello", token).status(), "within the skew");
        clock.advance(Duration.ofSeconds(2));
        assertRefusedAs("The access token expired", token);
    }

    @Test
    void aCachedTokenIsRefusedOnceItsSessionIsLoggedOut() {
        String token = login("alice");
        for (String path : PATHS) {
            if (!path.startsWith("/admin")) {
                assertEquals(200, http.bearerGet(path, token).status(), path);
            }
        }
        assertEquals(204, http.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + token).status());
        assertRefusedAs("The access token has been revoked", token);
    }

    @Test
    void aCachedTokenIsRefusedOnceRevokedByItsId() {
        String token = login("alice");
        assertEquals(200, http.bearerGet("/x", token).status());
        Http.Response revoke = http.post("/auth/revoke", "application/x-www-form-urlencoded",
                "token=" + token + "&token_type_hint=access_token", "Authorization", "Bearer " + token);
        assertTrue(revoke.status() == 200 || revoke.status() == 204, revoke.status() + " " + revoke.body());
        assertRefusedAs("The access token has been revoked", token);
    }

    @Test
    void theRulesJudgeACachedTokenOnEveryRequest() {
        String user = login("alice");
        String admin = login("admin");
        for (int i = 0; i < 3; i++) {
            assertEquals(403, http.bearerGet("/admin/users", user).status(), "prefix mapping, no admin role");
            assertEquals(403, http.bearerGet("/admin", user).status());
            assertEquals(200, http.bearerGet("/admin/users", admin).status());
            assertEquals(200, http.bearerGet("/reports/x.do", user).status());
        }
    }

    @Test
    void aTokenDifferingFromACachedOneInItsSignatureIsRefused() {
        String token = login("alice");
        assertEquals(200, http.bearerGet("/api/hello", token).status());
        int dot = token.lastIndexOf('.');
        char last = token.charAt(token.length() - 1);
        // Another character of the same length, still canonical base64url: the last one carries 2 free bits
        // for HS256's 32 bytes, so flip a character in the middle of the signature instead.
        int mid = dot + 10;
        char c = token.charAt(mid);
        String forged = token.substring(0, mid) + (c == 'A' ? 'B' : 'A') + token.substring(mid + 1);
        assertEquals(last, forged.charAt(forged.length() - 1));
        for (String path : PATHS) {
            Http.Response r = http.bearerGet(path, forged);
            assertEquals(401, r.status(), path);
            assertEquals("{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}", r.body());
        }
        assertEquals(200, http.bearerGet("/api/hello", token).status(), "the good token is still accepted");
    }
}
