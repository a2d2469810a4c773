package io.jwtgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cookie mode under other settings, once per container: a store outage during a silent refresh is
 * a 503 that keeps the cookies (never a 401 that logs the user out), report-only mode audits
 * instead of redirecting, and with cookie mode off a JwtGate cookie changes nothing.
 */
class CookieModeSettingsTest {

    static final String HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

    @TempDir
    Path dir;

    private static JsonNode login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String cookies(JsonNode tokens) {
        return CookieModeContract.ACCESS + "=" + tokens.get("access_token").textValue() + "; "
                + CookieModeContract.REFRESH + "=" + tokens.get("refresh_token").textValue();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aStoreOutageDuringASilentRefreshIs503AndKeepsTheCookies(Container container) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Server h2 = Server.createTcpServer("-tcpPort", Integer.toString(port), "-tcpAllowOthers", "-ifNotExists",
                "-baseDir", dir.resolve("h2").toString()).start();
        MutableClock clock = new MutableClock(Instant.now());
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.url", "jdbc:h2:tcp://127.0.0.1:" + port + "/jwtgate");
        params.put("jwtgate.cookie.enabled", "true");
        params.put("jwtgate.access-token.ttl", "PT1M");
        Seed.users(params);
        try (Container.Running app = container.start(params, dir, Map.of("io.jwtgate.clock", clock))) {
            Http http = app.http();
            String cookie = cookies(login(http));
            clock.advance(CookieModeContract.EXPIRY);
            h2.stop();
            Http.Response down = http.get("/api/hello", "Cookie", cookie, "Accept", HTML);
            assertEquals(503, down.status(), down.body());
            assertEquals("5", down.header("Retry-After"));
            assertEquals(List.of(), down.headers("Set-Cookie"), "an outage must not log anyone out");
            assertFalse(down.body().contains("\"reached\""));
        } finally {
            h2.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void reportOnlyModePassesAnAnonymousBrowserOnInsteadOfRedirecting(Container container) {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.cookie.enabled", "true");
        params.put("jwtgate.enforcement", "report-only");
        try (Container.Running app = container.start(params, dir)) {
            Http.Response r = app.http().get("/api/hello", "Accept", HTML);
            assertEquals(200, r.status(), r.body());
            assertTrue(r.body().contains("\"reached\":\"app\""), r.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void withCookieModeOffAJwtGateCookieChangesNothing(Container container) {
        Map<String, String> params = TestSettings.params(dir);
        Seed.users(params);
        try (Container.Running app = container.start(params, dir)) {
            Http http = app.http();
            JsonNode tokens = login(http);
            String cookie = cookies(tokens);
            assertEquals(401, http.get("/api/hello", "Cookie", cookie).status(), "the cookie is not read");
            assertEquals(401, http.get("/api/hello", "Cookie", cookie, "Accept", HTML).status(), "no login redirect");
            Http.Response both = http.get("/api/hello", "Cookie", cookie, "Authorization",
                    "Bearer " + tokens.get("access_token").textValue());
            assertEquals(200, both.status(), "no 400 for both: " + both.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void insecureLocalhostUsesUnprefixedCookiesWithoutSecureOnPlainHttpLoopback(Container container) {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.cookie.enabled", "true");
        params.put("jwtgate.cookie.insecure-localhost", "true");
        params.put("jwtgate.access-token.ttl", "PT1M");
        Seed.users(params);
        MutableClock clock = new MutableClock(Instant.now());
        try (Container.Running app = container.start(params, dir, Map.of("io.jwtgate.clock", clock))) {
            Http http = app.http();
            JsonNode tokens = login(http);
            String access = tokens.get("access_token").textValue();
            String refresh = tokens.get("refresh_token").textValue();
            assertEquals(401, http.get("/api/hello", "Cookie", cookies(tokens)).status(),
                    "the prefixed names do not apply to a relaxed request");
            assertEquals(200, http.get("/api/hello", "Cookie", "jwtgate.access=" + access).status());
            clock.advance(CookieModeContract.EXPIRY);
            Http.Response r = http.get("/api/hello", "Cookie", "jwtgate.access=" + access + "; jwtgate.refresh="
                    + refresh);
            assertEquals(200, r.status(), r.body());
            List<String> set = r.headers("Set-Cookie");
            assertEquals(3, set.size(), "access, refresh and a CSRF cookie for a session without one");
            for (String line : set) {
                String name = line.substring(0, line.indexOf('='));
                assertTrue(List.of("jwtgate.access", "jwtgate.refresh", "jwtgate.csrf").contains(name), name);
                String attributes = line.substring(line.indexOf(';'));
                assertEquals(name.equals("jwtgate.csrf") ? "; Path=/; SameSite=Lax" : "; Path=/; HttpOnly; SameSite=Lax",
                        attributes, name);
            }
        }
    }
}
