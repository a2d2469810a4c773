package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A finding of the issue-14 review over HTTP, per container. Not caused by the verified-token cache
 * (fed107f behaves the same): embedded Jetty 12 keeps a per-connection cache of header fields that
 * compares values without regard to case, so on a persistent connection an {@code Authorization}
 * value that differs from the previous request's only in the case of some letters is taken to be
 * the previous value. Base64url is case-sensitive: those are two different tokens, and the second
 * request gets the first one's verdict and identity. Tomcat passes; Jetty fails until its
 * {@code HttpConfiguration.setHeaderCacheCaseSensitive(true)} is set (see DONE-attack.md, F5).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokenCacheFindingsContract {

    private final MutableClock clock = new MutableClock(Instant.now());
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-token-cache-findings");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.rules", "/** -> authenticated");
        Seed.users(params);
        server = container().start(params, dir, Map.of("io.jwtgate.clock", clock));
        assertTrue(server.available(), server.startFailure());
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String request(String token, boolean close) {
        return "GET /app/api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n";
    }

    @Test
    void aTokenDifferingFromThePreviousOneOnTheConnectionOnlyInCaseGetsItsOwnVerdict() {
        Http.Response login = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, login.status(), login.body());
        String token = StrictJson.parse(login.body().getBytes(StandardCharsets.UTF_8)).get("access_token").textValue();
        int dot = token.lastIndexOf('.');
        int at = -1;
        for (int i = dot + 1; i < token.length() - 1 && at < 0; i++) {
            if (Character.isLetter(token.charAt(i))) {
                at = i;
            }
        }
        char c = token.charAt(at);
        char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        String forged = token.substring(0, at) + flipped + token.substring(at + 1);
        // Two requests on one persistent connection: the good token, then its case-flipped twin.
        String exchange = http.rawExchange((request(token, false) + request(forged, true)).getBytes(StandardCharsets.US_ASCII));
        Matcher statuses = Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(exchange);
        assertTrue(statuses.find(), exchange);
        assertEquals("200", statuses.group(1), "the good token");
        assertTrue(statuses.find(), exchange);
        assertEquals("401", statuses.group(1), "a signature differing in the case of one letter is another signature");
    }
}
