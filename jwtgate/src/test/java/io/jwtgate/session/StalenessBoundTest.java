package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Eventually;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TcpProxy;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bounded staleness (issue 13 item 5, decision 466) over real HTTP in Jetty and Tomcat, with the
 * store on PostgreSQL or MariaDB behind a TCP proxy: while the store is away the filter answers
 * Bearer requests from the revocations in memory (a revoked token stays refused); once no refresh
 * has succeeded for {@code max-staleness} (an injected clock) they get 503 with Retry-After; when
 * the store returns it recovers by itself.
 */
class StalenessBoundTest {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(60);
    private static final Eventually EVENTUALLY = Eventually.within(Duration.ofSeconds(30)).every(Duration.ofMillis(50));

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void pastTheBoundWithoutTheStoreBearerRequestsGet503AndRecoverWhenItReturns(Container container, RealDatabase server)
            throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (RealDatabase.Schema schema = server.create();
                TcpProxy proxy = new TcpProxy("127.0.0.1", server == RealDatabase.POSTGRESQL ? 5432 : 3306)) {
            Map<String, String> params = TestSettings.params(dir);
            params.put("jwtgate.jdbc.url", schema.url().replace(server == RealDatabase.POSTGRESQL ? ":5432/" : ":3306/",
                    ":" + proxy.port() + "/"));
            params.put("jwtgate.jdbc.username", schema.user());
            params.put("jwtgate.revocation.refresh-interval", "PT0.5S");
            params.put("jwtgate.revocation.max-staleness", MAX_STALENESS.toString());
            Seed.users(params);
            try (Container.Running app = container.start(params, dir, Map.of("io.jwtgate.clock", clock))) {
                Http http = app.http();
                String live = accessToken(http);
                JsonNode ended = login(http);
                String revoked = ended.get("access_token").textValue();
                assertEquals(204, http.postJson("/auth/logout", "{\"refresh_token\":\""
                        + ended.get("refresh_token").textValue() + "\"}", "Authorization", "Bearer " + revoked).status());

                int warningsBefore = count("revocations not refreshed, keeping the ones in memory");
                proxy.cut();
                EVENTUALLY.until("a refresh fails while the store is away",
                        () -> count("revocations not refreshed, keeping the ones in memory") > warningsBefore);
                clock.advance(MAX_STALENESS);
                assertEquals(200, http.bearerGet("/api/hello", live).status(), "within the bound: from memory");
                assertEquals(401, http.bearerGet("/api/hello", revoked).status(), "a revoked token stays refused");

                int staleWarningsBefore = count("past jwtgate.revocation.max-staleness");
                int recoveriesBefore = count("revocations refreshed again");
                clock.advance(Duration.ofSeconds(1));
                for (String token : new String[] {live, revoked}) {
                    Http.Response r = http.bearerGet("/api/hello", token);
                    assertEquals(503, r.status(), r.body());
                    assertEquals("5", r.header("Retry-After"));
                }
                assertEquals(staleWarningsBefore + 1, count("past jwtgate.revocation.max-staleness"),
                        "one warning, not one per request");

                proxy.restore();
                EVENTUALLY.until("recovers when the store returns",
                        () -> http.bearerGet("/api/hello", live).status() == 200);
                assertEquals(401, http.bearerGet("/api/hello", revoked).status());
                assertEquals(recoveriesBefore + 1, count("revocations refreshed again"), "one notice of the recovery");
            }
        }
    }

    private static JsonNode login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String accessToken(Http http) {
        return login(http).get("access_token").textValue();
    }

    private static int count(String text) {
        return (int) LogCapture.lines().stream().filter(l -> l.contains(text)).count();
    }
}
