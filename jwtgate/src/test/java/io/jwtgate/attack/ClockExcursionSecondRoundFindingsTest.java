package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding S2 of the second issue-13 review; it failed before its fix (decision 561). A node whose
 * clock ran ahead for a while and was then corrected forgot the revocations it held, and accepted
 * the revoked tokens again once its clock was back, with a healthy store.
 *
 * <p>{@code Revocations.refresh} sweeps expired entries by the node's clock once a minute
 * ({@code SWEEP_EVERY}). When that clock jumps ahead (a VM resumed with a stale offset, a bad NTP
 * source, an operator's typo) by more than the remaining life of an entry, the next refresh sweeps
 * it out. When the clock is corrected back, the node's verifier takes the revoked token as valid
 * again (its {@code exp} is in the future once more), but the entry is gone from memory and the
 * incremental refresh never reads its log row again: the row's number is below the high-water mark.
 * Decision 463 keeps entries while either clock needs them for a clock running behind and
 * corrected forward; the opposite excursion is not covered.
 *
 * <p>Impact: every token logged out or revoked anywhere before the excursion, and still inside its
 * lifetime, is accepted again on that node for the rest of its lifetime (up to
 * {@code access-token.max-ttl}), with no outage and no warning. Other nodes still refuse it.
 *
 * <p>Expected: a token revoked on another node stays refused on this node after its clock went
 * ahead and back. A fix: sweep by an expiry that a backward jump cannot revive (e.g. keep entries
 * until the database's time says they expired, or never sweep more than the monotonic time elapsed
 * since the entry was stored allows), or re-read the unexpired log when the clock is seen to go back
 * (as decision 472 does for a log that went back).
 */
class ClockExcursionSecondRoundFindingsTest {

    private static final List<String> PATHS = List.of("/api/hello", "/admin/x", "/api/x", "/x.do", "/x");
    private static final Duration AHEAD = Duration.ofHours(1);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aTokenRevokedElsewhereStaysRefusedAfterTheNodeClockWentAheadAndBack(Container container,
            RealDatabase server) throws Exception {
        ClockStepBackSecondRoundFindingsTest.SteppedClock clockB = new ClockStepBackSecondRoundFindingsTest.SteppedClock();
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            Seed.users(paramsA);
            Container otherContainer = container == Container.JETTY ? Container.TOMCAT : Container.JETTY;
            try (Container.Running nodeA = otherContainer.start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = container.start(paramsB, Files.createTempDirectory(dir, "wb"),
                            Map.of("io.jwtgate.clock", clockB))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                String live = login(a).get("access_token").textValue();
                String revoked = login(a).get("access_token").textValue();
                assertEquals(204, a.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + revoked)
                        .status());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (b.bearerGet("/api/hello", revoked).status() != 401 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(401, b.bearerGet("/api/hello", revoked).status(), "B has read the logout");

                clockB.stepForward(AHEAD);
                // B's maintenance thread runs a refresh (and with it the sweep, due once the clock
                // passed the next minute) every 0.2 s; nothing observable says when it ran, so wait
                // for several of them.
                Thread.sleep(2_000);
                clockB.stepBack(AHEAD);

                for (String path : PATHS) {
                    assertEquals(200, b.bearerGet(path, live).status(), "B is back on time: " + path);
                    assertEquals(401, a.bearerGet(path, revoked).status(), "node A still refuses it: " + path);
                    Http.Response r = b.bearerGet(path, revoked);
                    assertEquals(401, r.status(), "node B accepts again, on " + path + ", a token logged out on node A,"
                            + " after its clock ran " + AHEAD.toMinutes() + " min ahead for two seconds and was"
                            + " corrected");
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
