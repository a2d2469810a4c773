package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two applications in one container that share a JVM-wide secret and a JVM-wide store
 * ({@code jwtgate.jdbc.url}): each honours only the refresh sessions it started. Another
 * application's refresh token is unknown at {@code /auth/refresh}, {@code /auth/logout} and
 * {@code /auth/revoke}, and its {@code jti} at {@code DELETE /auth/token/{jti}}; applications given
 * the same {@code jwtgate.audience} are one audience and share sessions.
 */
abstract class SharedStoreSessionContract {

    static final String JVM_SECRET = "jvm-wide-key-Q2wE4rT6yU8iO0pA1sD3fG5hJ7kL";
    static final String FORM = "application/x-www-form-urlencoded";

    static {
        Secrets.remember(JVM_SECRET);
    }

    abstract Container container();

    /** The JDBC settings of the one store both applications get JVM-wide. */
    Map<String, String> sharedStore(Path dir) {
        return Map.of("jwtgate.jdbc.url", "jdbc:h2:file:" + dir.resolve("shared").resolve("jwtgate").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    private Container.Apps start(Map<String, String> extra) throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-store");
        Map<String, String> jvmWide = new HashMap<>(sharedStore(dir));
        Map<String, String> seed = TestSettings.params(dir.resolve("seed"));
        seed.putAll(jvmWide);
        Seed.users(seed);
        jvmWide.put("jwtgate.signing.secret", JVM_SECRET);
        List<Container.App> apps = List.of(app("/a", dir, extra, jvmWide), app("/b", dir, extra, jvmWide));
        return container().startApps(apps, dir);
    }

    private static Container.App app(String contextPath, Path dir, Map<String, String> extra,
            Map<String, String> jvmWide) {
        Map<String, String> params = TestSettings.params(dir.resolve(contextPath.substring(1)));
        params.remove("jwtgate.signing.secret");
        params.putAll(extra);
        return new Container.App(contextPath, params, Map.of("io.jwtgate.system-properties", jvmWide));
    }

    private static JsonNode login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return json(r.body());
    }

    private static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String rt(JsonNode tokens) {
        return tokens.get("refresh_token").textValue();
    }

    private static String at(JsonNode tokens) {
        return tokens.get("access_token").textValue();
    }

    private static Http.Response refresh(Http http, String refreshToken) {
        return http.postJson("/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
    }

    private static Http.Response revoke(Http http, String token) {
        return http.post("/auth/revoke", FORM, "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** A well-formed refresh token no application issued. */
    private static final String UNKNOWN_REFRESH = "A".repeat(43);

    private static void assertSessionAlive(Http http, JsonNode tokens) {
        assertEquals(200, http.bearerGet("/api/hello", at(tokens)).status(), "the access token still works");
        Http.Response again = refresh(http, rt(tokens));
        assertEquals(200, again.status(), "the refresh token still works: " + again.body());
    }

    @Test
    void refreshTokenOfAnotherApplicationIsAnUnknownGrantAndItsSessionLivesOn() throws Exception {
        try (Container.Apps apps = start(Map.of())) {
            JsonNode tokens = login(apps.http("/a"));
            // Twice: a second presentation would be reuse if the first had spent the token.
            for (int i = 0; i < 2; i++) {
                Http.Response atB = refresh(apps.http("/b"), rt(tokens));
                assertEquals(401, atB.status(), atB.body());
                assertEquals("invalid_grant", json(atB.body()).get("error").textValue());
            }
            assertSessionAlive(apps.http("/a"), tokens);
        }
    }

    @Test
    void logoutAndRevokeAtAnotherApplicationEndNothing() throws Exception {
        try (Container.Apps apps = start(Map.of())) {
            Http b = apps.http("/b");
            JsonNode tokens = login(apps.http("/a"));
            int unknownLogout = b.postJson("/auth/logout", "{\"refresh_token\":\"" + UNKNOWN_REFRESH + "\"}").status();
            Http.Response logout = b.postJson("/auth/logout", "{\"refresh_token\":\"" + rt(tokens) + "\"}");
            assertEquals(unknownLogout, logout.status(), "answered as for an unknown token: " + logout.body());
            Http.Response revoked = revoke(b, rt(tokens));
            assertEquals(200, revoked.status(), revoked.body());
            assertEquals("", revoked.body());
            assertSessionAlive(apps.http("/a"), tokens);
        }
    }

    @Test
    void tokenIdOfAnotherApplicationIsNotFoundForDelete() throws Exception {
        try (Container.Apps apps = start(Map.of())) {
            JsonNode atA = login(apps.http("/a"));
            JsonNode atB = login(apps.http("/b"));
            Http.Response del = apps.http("/b").raw("DELETE", "/b/auth/token/" + atA.get("id").textValue(),
                    List.of("Authorization: Bearer " + at(atB)), null);
            assertEquals(404, del.status(), del.body());
            assertEquals(200, apps.http("/a").bearerGet("/api/hello", at(atA)).status());
        }
    }

    @Test
    void sessionCapCountsOnlyTheApplicationsOwnSessions() throws Exception {
        try (Container.Apps apps = start(Map.of("jwtgate.session.max-per-user", "1"))) {
            JsonNode atA = login(apps.http("/a"));
            login(apps.http("/b"));
            assertSessionAlive(apps.http("/a"), atA);
        }
    }

    @Test
    void applicationsSharingAnAudienceShareRefreshSessions() throws Exception {
        try (Container.Apps apps = start(Map.of("jwtgate.audience", "shop"))) {
            JsonNode tokens = login(apps.http("/a"));
            Http.Response atB = refresh(apps.http("/b"), rt(tokens));
            assertEquals(200, atB.status(), atB.body());
            assertEquals(200, apps.http("/a").bearerGet("/api/hello", at(json(atB.body()))).status());
            Http.Response logout = apps.http("/b").postJson("/auth/logout",
                    "{\"refresh_token\":\"" + rt(json(atB.body())) + "\"}");
            assertEquals(204, logout.status(), logout.body());
            assertEquals(401, refresh(apps.http("/a"), rt(json(atB.body()))).status(), "the shared session ended");
        }
    }
}
