package io.jwtgate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestKeys;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Attack probes of the second round (attack2, issue 12) on {@code GET /auth/jwks.json} that hold, over
 * real HTTP: an ES256 application that also keeps an HS256 verification secret, under the catch-all
 * rule {@code /** -> authenticated}. Every spelling of the path that the container maps to the
 * endpoint (path parameters, dot segments, encoded dots, Tomcat's merged slashes) answers the same
 * public set with the public caching header; no spelling ever shows the HMAC secret (raw or base64url)
 * or a private member; spellings that are not the endpoint get an error without keys. The catch-all
 * rule does not hide the set: the endpoint is documented as needing no credentials (decisions 417-419),
 * like {@code /auth/login}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JwksEndpointAttackContract {

    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-jwks-attack");
        Map<String, String> p = TestSettings.params(dir); // keeps jwtgate.signing.secret: an HS256 verification key
        p.put("jwtgate.signing.algorithm", "ES256");
        p.put("jwtgate.signing.key", TestKeys.privatePem(dir, "es.pem", TestKeys.ec("secp256r1")).toString());
        p.put("jwtgate.signing.key-id", "es-now");
        p.put("jwtgate.rules", "/** -> authenticated");
        Seed.users(p);
        server = container().start(p, dir);
        http = server.http();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void assertNoSecret(String what, Http.Response r) {
        String body = r.body() == null ? "" : r.body();
        byte[] secret = TestSettings.secretBytes();
        assertFalse(body.contains(new String(secret, StandardCharsets.ISO_8859_1)), what);
        assertFalse(body.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)), what);
        assertFalse(body.contains(Base64.getEncoder().encodeToString(secret)), what);
        for (String member : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"", "\"oct\"")) {
            assertFalse(body.contains(member), what + " " + member);
        }
    }

    @Test
    void everySpellingOfThePathAnswersTheSamePublicSetOrAnErrorAndNeverASecret() {
        Http.Response plain = http.get("/auth/jwks.json");
        assertEquals(200, plain.status());
        assertTrue(plain.body().contains("\"es-now\""), plain.body());
        assertNoSecret("plain", plain);
        for (String t : List.of("/auth/jwks.json;x", "/auth//jwks.json", "/auth/jwks.json/", "/auth/%2e/jwks.json",
                "/auth/JWKS.json", "/auth/jwks.json%00", "/auth/./jwks.json", "/x/../auth/jwks.json",
                "/auth/jwks.json?x=1", "/auth/jwks%2ejson", "/auth/jwks.json%2f", "/auth;a=b/jwks.json", "/AUTH/jwks.json")) {
            Http.Response r = http.raw("GET", Container.CONTEXT_PATH + t, List.of(), null);
            assertNoSecret(t, r);
            if (r.status() == 200) {
                assertEquals(plain.body(), r.body(), t);
                assertEquals("public, max-age=900", r.header("Cache-Control"), t);
            } else {
                assertTrue(r.status() == 400 || r.status() == 401 || r.status() == 404, t + " " + r.status());
                assertFalse(r.body() != null && r.body().contains("es-now"), t);
            }
        }
    }

    @Test
    void otherMethodsGetNoKeysAndNoSecret() {
        for (String m : List.of("OPTIONS", "TRACE", "POST")) {
            Http.Response r = http.raw(m, Container.CONTEXT_PATH + "/auth/jwks.json",
                    List.of("Content-Type: application/json"), "{}");
            assertTrue(r.status() == 405, m + " " + r.status());
            assertNoSecret(m, r);
        }
        // HEAD is GET without the body (decision 550): the head of the key set and nothing of it.
        Http.Response head = http.raw("HEAD", Container.CONTEXT_PATH + "/auth/jwks.json",
                List.of("Content-Type: application/json"), "{}");
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertNoSecret("HEAD", head);
    }
}
