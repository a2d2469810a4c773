package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TcpProxy;
import io.jwtgate.support.TestDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding S1 of the second issue-13 review; it failed before its fix (decision 560). A node clock
 * stepped back during a store outage suspended {@code jwtgate.revocation.max-staleness}, for Bearer
 * tokens and for the Basic cache.
 *
 * <p>{@code Revocations.requireFresh} only looks further when the node's clock says the last
 * successful refresh is older than the bound ({@code clock.millis() - lastRefreshed}); the monotonic
 * ticker added by decision 468 is consulted only after that test passed. A backward step of the
 * node's wall clock (an NTP correction of a node that ran ahead, a VM restored from a snapshot, an
 * operator fixing the time) makes that age negative: however long the store has been failing, and
 * however long the monotonic clock says no refresh succeeded, the node answers from its frozen
 * revocations for the size of the step plus the bound. {@code BasicCache} has the same weakness: an
 * entry's life (capped at the bound by decision 470) is measured on the wall clock only.
 *
 * <p>Impact: during a partition of one node from the store, a token logged out (or a password
 * changed) on another node keeps working on the partitioned node for as long as its clock was
 * stepped back: minutes, where the operator configured seconds. Tokens issued before the step are
 * the exposed ones (the verifier's own {@code iat} check refuses newer ones when the step exceeds
 * {@code jwtgate.clock-skew}); with the usual 15-minute access tokens that can be the whole step.
 *
 * <p>Expected: the bound also holds on the monotonic clock when the wall clock went back: stale
 * when the store is failing (or a refresh is hung) and EITHER clock says the last success is older
 * than the bound (a forward jump while refreshes succeed still closes nothing); the Basic cache
 * likewise drops an entry when either clock says it is older than its life. The tests step the
 * node's clock (a real, running clock with an offset) back three minutes during a cut store and
 * expect 503 within a few seconds of real time; today the node answers 200.
 */
class ClockStepBackSecondRoundFindingsTest {

    private static final String NEW_PASSWORD = "a brand new passphrase for alice 7";
    /** Several times the bound of 2 s plus one refresh interval and Hikari's 5 s connection timeout. */
    private static final Duration WAIT = Duration.ofSeconds(9);
    private static final Duration STEP_BACK = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    /**
     * A token logged out on node A is still accepted by node B, which is cut off from the store,
     * long past the bound in real time, because B's clock was stepped back meanwhile.
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aClockSteppedBackDuringAnOutageDoesNotSuspendTheStalenessBoundForBearer(Container container,
            RealDatabase server) throws Exception {
        SteppedClock clockB = new SteppedClock();
        int port = server == RealDatabase.POSTGRESQL ? 5432 : 3306;
        try (RealDatabase.Schema schema = server.create(); TcpProxy proxy = new TcpProxy("127.0.0.1", port)) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url.replace(":" + port + "/", ":" + proxy.port() + "/"), "b");
            Seed.users(paramsA);
            try (Container.Running nodeA = other(container).start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = container.start(paramsB, Files.createTempDirectory(dir, "wb"),
                            Map.of("io.jwtgate.clock", clockB))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                String access = login(a).get("access_token").textValue();
                assertEquals(200, b.bearerGet("/api/hello", access).status(), "B accepts the token before");

                cutAndAwaitFailedRefresh(proxy);
                assertEquals(204, a.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + access)
                        .status());
                clockB.stepBack(STEP_BACK);
                int status = pollUntilNot200(() -> b.bearerGet("/api/hello", access).status());
                assertEquals(503, status, "node B, cut off from the store with its clock stepped back "
                        + STEP_BACK.toMinutes() + " min, still accepts a token logged out on node A "
                        + WAIT.toSeconds() + " s (real time) into the outage, past max-staleness (2 s)");
            }
        }
    }

    /**
     * A password changed on node A is still accepted by node B's Basic cache past the bound (the
     * cache's life is capped at the bound, decision 470), because B's clock was stepped back.
     */
    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aClockSteppedBackDuringAnOutageDoesNotStretchTheBasicCache(Container container, RealDatabase server)
            throws Exception {
        SteppedClock clockB = new SteppedClock();
        int port = server == RealDatabase.POSTGRESQL ? 5432 : 3306;
        try (RealDatabase.Schema schema = server.create(); TcpProxy proxy = new TcpProxy("127.0.0.1", port)) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url.replace(":" + port + "/", ":" + proxy.port() + "/"), "b");
            Seed.users(paramsA);
            try (Container.Running nodeA = other(container).start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = container.start(paramsB, Files.createTempDirectory(dir, "wb"),
                            Map.of("io.jwtgate.clock", clockB))) {
                Http a = nodeA.http();
                Http b = nodeB.http();
                String oldBasic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + Seed.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
                assertEquals(200, b.get("/api/hello", "Authorization", oldBasic).status(), "B caches the check");

                cutAndAwaitFailedRefresh(proxy);
                String access = login(a).get("access_token").textValue();
                Http.Response changed = a.postJson("/auth/password", "{\"current_password\":\"" + Seed.PASSWORD
                        + "\",\"new_password\":\"" + NEW_PASSWORD + "\"}", "Authorization", "Bearer " + access);
                assertEquals(204, changed.status(), changed.body());
                clockB.stepBack(STEP_BACK);
                int status = pollUntilNot200(() -> b.get("/api/hello", "Authorization", oldBasic).status());
                assertEquals(503, status, "node B, cut off from the store with its clock stepped back "
                        + STEP_BACK.toMinutes() + " min, still accepts from its Basic cache a password changed on"
                        + " node A " + WAIT.toSeconds() + " s (real time) into the outage, past max-staleness (2 s)");
            }
        }
    }

    private static void cutAndAwaitFailedRefresh(TcpProxy proxy) throws InterruptedException {
        int before = count("revocations not refreshed, keeping the ones in memory");
        proxy.cut();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count("revocations not refreshed, keeping the ones in memory") <= before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no refresh of node B failed within 20 s of the cut");
            }
            Thread.sleep(50);
        }
    }

    /** Polls for a real-time deadline: the monotonic clock is what must end the answers. */
    private static int pollUntilNot200(Supplier<Integer> status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int s = status.get();
        while (s == 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            s = status.get();
        }
        return s;
    }

    private Map<String, String> params(String url, String node) throws Exception {
        Map<String, String> p = TestSettings.params(Files.createTempDirectory(dir, node));
        p.put("jwtgate.jdbc.url", url);
        p.put("jwtgate.rules", "/** -> authenticated");
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.revocation.refresh-interval", "PT0.5S");
        p.put("jwtgate.revocation.max-staleness", "PT2S");
        p.put("jwtgate.revocation.push", "false");
        // Wider than the step, so that B's verifier still takes A's token by its iat after the step.
        p.put("jwtgate.clock-skew", "PT4M");
        return p;
    }

    private static Container other(Container c) {
        return c == Container.JETTY ? Container.TOMCAT : Container.JETTY;
    }

    private static int count(String text) {
        return (int) LogCapture.lines().stream().filter(l -> l.contains(text)).count();
    }

    private static JsonNode login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The system clock with an offset a test can step: a real clock that keeps running after a step. */
    static final class SteppedClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void stepBack(Duration d) {
            offset = offset.minus(d);
        }

        void stepForward(Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
