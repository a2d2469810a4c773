package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding S4 of the second issue-13 review; it failed before its fix (decision 562). A token revoked
 * by id was kept only for the life the REVOKING process's clock gave it, so a revoker whose clock
 * runs ahead (by more than the entry's ten-minute margin) wrote a revocation that ended before the
 * token did.
 *
 * <p>{@code Revocations.revokeToken(jti, expiresAt)} stores {@code lifetime = max(expiresAt - now, 0)
 * + margin} with {@code now} the revoker's {@code clock.millis()}; the log row then expires at the
 * database's now plus that lifetime, and every reader keeps the entry until its own
 * max(now, database now) plus what remains. Decision 463 protects readers from their own clocks, but
 * the writer's clock is taken as truth. A revoker ahead by X shortens the revocation by X; past the
 * margin (2 × {@code Settings.MAX_CLOCK_SKEW}, 10 min) the token outlives it. The realistic revoker
 * is the command line ({@code jwtgate tokens revoke}, {@code AdminStore}, same code) run from an
 * administrator's workstation, which the operations guide's "every node on NTP" does not cover; the
 * test uses a node whose clock is 15 minutes ahead revoking over HTTP ({@code DELETE
 * /auth/token/{id}}), which runs the same {@code revokeToken}.
 *
 * <p>Impact: a token revoked by id during an incident works again on every node for its last
 * minutes (X - 10 min of them), silently.
 *
 * <p>Expected: the revocation lasts until the token's own {@code exp} (as the issuer stamped it)
 * plus the margins, whatever the revoker's clock says: e.g. store the absolute expiry, or compute
 * the remaining life against the database's now in the INSERT itself.
 */
class RevokerClockSecondRoundFindingsTest {

    private static final List<String> PATHS = List.of("/api/hello", "/admin/x", "/api/x", "/x.do", "/x");
    private static final Duration REVOKER_AHEAD = Duration.ofMinutes(15);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aTokenRevokedByANodeWhoseClockRunsAheadStaysRefusedUntilItExpires(Container container, RealDatabase server)
            throws Exception {
        Instant now = Instant.now();
        MutableClock onTime = new MutableClock(now);
        MutableClock ahead = new MutableClock(now.plus(REVOKER_AHEAD));
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsC = params(url, "c");
            Seed.users(paramsA);
            Container otherContainer = container == Container.JETTY ? Container.TOMCAT : Container.JETTY;
            try (Container.Running nodeA = container.start(paramsA, Files.createTempDirectory(dir, "wa"),
                    Map.of("io.jwtgate.clock", onTime));
                    Container.Running nodeC = otherContainer.start(paramsC, Files.createTempDirectory(dir, "wc"),
                            Map.of("io.jwtgate.clock", ahead))) {
                Http a = nodeA.http();
                Http c = nodeC.http();
                JsonNode stolen = login(a);
                String stolenAccess = stolen.get("access_token").textValue();
                String own = login(c).get("access_token").textValue();
                Http.Response revoke = c.raw("DELETE", Container.CONTEXT_PATH + "/auth/token/" + stolen.get("id")
                        .textValue(), List.of("Authorization: Bearer " + own), null);
                assertEquals(204, revoke.status(), revoke.body());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (a.bearerGet("/api/hello", stolenAccess).status() != 401 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(401, a.bearerGet("/api/hello", stolenAccess).status(), "A has read the revocation");

                // Eleven minutes on: the token (15 minutes) still has four to live on A's clock.
                onTime.advance(Duration.ofMinutes(11));
                Thread.sleep(1000);
                for (String path : PATHS) {
                    assertEquals(401, a.bearerGet(path, stolenAccess).status(), "node A accepts again, on " + path
                            + ", a token revoked 11 minutes ago by a node whose clock runs "
                            + REVOKER_AHEAD.toMinutes() + " min ahead, 4 minutes before the token expires");
                }
            }
        }
    }

    private Map<String, String> params(String url, String node) throws Exception {
        Map<String, String> p = TestSettings.params(Files.createTempDirectory(dir, node));
        p.put("jwtgate.jdbc.url", url);
        p.put("jwtgate.rules", "/** -> authenticated");
        p.put("jwtgate.revocation.refresh-interval", "PT0.2S");
        p.put("jwtgate.revocation.max-staleness", "PT2S");
        p.put("jwtgate.revocation.push", "false");
        return p;
    }

    private static JsonNode login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }
}
