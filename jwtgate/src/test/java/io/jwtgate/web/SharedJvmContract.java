package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 8: two web applications in one container (one JVM) that get the same signing
 * secret JVM-wide (through the layer a system property takes, passed in per application with the
 * {@code io.jwtgate.system-properties} attribute, so no real system property leaks into other tests).
 * Each application has an audience of its own unless configured to share one, and start-up says
 * where the secret, issuer and audience came from and that the JVM-wide secret overrides the
 * application's own.
 */
abstract class SharedJvmContract {

    static final String JVM_SECRET = "jvm-wide-key-Q2wE4rT6yU8iO0pA1sD3fG5hJ7kL";
    static final String APP_SECRET = "app-own-key-Z9xC7vB5nM3kL1jH8gF6dS4aP2oI";
    static final String INVALID_TOKEN = "Bearer realm=\"jwtgate\", error=\"invalid_token\","
            + " error_description=\"The access token is invalid\"";

    static {
        Secrets.remember(JVM_SECRET);
        Secrets.remember(APP_SECRET);
    }

    abstract Container container();

    private Container.App app(String contextPath, Path dir, String audience) {
        Map<String, String> params = TestSettings.params(dir.resolve(contextPath.substring(1)));
        params.put("jwtgate.signing.secret", APP_SECRET);
        if (audience != null) {
            params.put("jwtgate.audience", audience);
        }
        Seed.usersAt(contextPath, params);
        return new Container.App(contextPath, params,
                Map.of("io.jwtgate.system-properties", Map.of("jwtgate.signing.secret", JVM_SECRET)));
    }

    private static String login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return json(r.body()).get("access_token").textValue();
    }

    private static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode claims(String token) {
        return json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void tokenOfOneApplicationIsRefusedByAnotherSharingTheJvmWideSecret() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-jvm");
        int before = LogCapture.lines().size();
        try (Container.Apps apps = container().startApps(List.of(app("/a", dir, null), app("/b", dir, null)), dir)) {
            String token = login(apps.http("/a"));
            assertEquals(200, apps.http("/a").bearerGet("/api/hello", token).status(), "the issuing application");
            Http.Response atB = apps.http("/b").bearerGet("/api/hello", token);
            assertEquals(401, atB.status(), atB.body());
            assertEquals(List.of(INVALID_TOKEN), atB.headers("WWW-Authenticate"));
            assertEquals("jwtgate/a", claims(token).path("aud").textValue());
            assertEquals("jwtgate/b", claims(login(apps.http("/b"))).path("aud").textValue());
        }
        List<String> logged = LogCapture.lines().subList(before, LogCapture.lines().size());
        String log = String.join("\n", logged);
        for (String app : List.of("/a", "/b")) {
            assertTrue(log.contains("JwtGate for " + app + ": signing secret from system property"
                    + " jwtgate.signing.secret; issuer 'jwtgate' from default; audience 'jwtgate" + app
                    + "' derived from the issuer and the context path"), log);
            assertTrue(logged.stream().anyMatch(l -> l.contains("WARNING") && l.contains("JwtGate for " + app
                    + ": jwtgate.signing.secret: the JVM-wide system property jwtgate.signing.secret overrides this"
                    + " application's own context-param jwtgate.signing.secret")), log);
        }
        assertTrue(logged.stream().noneMatch(l -> l.contains(JVM_SECRET) || l.contains(APP_SECRET)), "a secret was logged");
    }

    @Test
    void applicationsConfiguredWithTheSameAudienceShareTokens() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-jvm");
        int before = LogCapture.lines().size();
        try (Container.Apps apps = container().startApps(
                List.of(app("/a", dir, "shop"), app("/b", dir, "shop")), dir)) {
            String token = login(apps.http("/a"));
            assertEquals("shop", claims(token).path("aud").textValue());
            Http.Response atB = apps.http("/b").bearerGet("/api/hello", token);
            assertEquals(200, atB.status(), atB.body());
            assertEquals("alice", json(atB.body()).get("username").textValue());
        }
        String log = String.join("\n", LogCapture.lines().subList(before, LogCapture.lines().size()));
        assertTrue(log.contains("audience 'shop' from context-param jwtgate.audience"), log);
    }
}
