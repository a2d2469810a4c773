package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Eventually;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TcpProxy;
import io.jwtgate.support.TwoNodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding of the issue-13 review; it failed before its fix (decision 468, 469): the staleness bound applies only once a refresh has FAILED ({@code Revocations.failing});
 * a refresh that hangs never fails. When the network to the store goes silent (a partition: no
 * reset, no answer), the maintenance thread's refresh blocks in {@code SELECT ${now}}, which has no
 * query timeout (the 30 s one is set on the second statement only, and on a silent network the
 * driver's cancel cannot get through either), on a pooled connection Hikari hands out without a
 * validity check (used within its 500 ms bypass window). The node then answers Bearer requests from
 * its frozen revocations for ever: a token logged out on the other node is accepted long past
 * {@code jwtgate.revocation.max-staleness}. Issue 13 item 5: "past that bound Bearer requests get
 * 503". The test asserts the correct behaviour (refused, 503 or 401, once the bound and the store
 * timeouts have passed).
 */
class SilentStoreSeveralNodesFindingsTest {

    /** Longer than every timeout the store path has (Hikari 5 s, the incremental read's 30 s). */
    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aTokenLoggedOutElsewhereIsNotAcceptedPastTheBoundWhileTheStoreIsSilent(Container container,
            RealDatabase server) throws Exception {
        MutableClock clockB = new MutableClock(Instant.now());
        try (TwoNodes nodes = TwoNodes.of(container, server, dir).params(p -> {
                    p.put("jwtgate.rules", "/** -> authenticated");
                    p.put("jwtgate.revocation.refresh-interval", "PT0.2S");
                    p.put("jwtgate.revocation.max-staleness", "PT2S");
                    // Polling only: the push listener would block on the same refresh.
                    p.put("jwtgate.revocation.push", "false");
                }).nodeBBehindProxy().clockB(clockB).start()) {
            // Closing the nodes ends the silence first (TwoNodes.close): a node whose refresh hangs on
            // a silent MariaDB connection would otherwise never finish closing.
            probe(nodes.a(), nodes.b(), nodes.proxy(), clockB);
        }
    }

    private static void probe(Http a, Http b, TcpProxy proxy, MutableClock clockB) {
        String access = login(a).get("access_token").textValue();
        assertEquals(200, b.bearerGet("/api/hello", access).status());

        proxy.silence();
        assertEquals(204, a.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + access)
                .status());
        // Past the bound on B's clock; B has not read the store since the silence began.
        clockB.advance(Duration.ofSeconds(3));
        int status = Eventually.within(WAIT).every(Duration.ofMillis(250))
                .lastOf(() -> b.bearerGet("/api/hello", access).status(), s -> s != 200);
        assertNotEquals(200, status, "node B still accepts a token logged out on node A " + WAIT.toSeconds()
                + " s into a silent store outage, past max-staleness (2 s on its clock, 3 s advanced)");
        assertEquals(503, status, "past the bound the answer is 503");
    }

    private static JsonNode login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }
}
