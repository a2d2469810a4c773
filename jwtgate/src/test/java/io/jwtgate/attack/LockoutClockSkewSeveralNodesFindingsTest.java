package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TwoNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding F8 of the issue-13 review; it failed before its fix (decision 530): failed logins were
 * stamped and counted with each node's own clock ({@code failed_at = clock.millis()}, the window
 * from the same clock), unlike revocations and leases, which use the database's. With two nodes
 * whose clocks differ by 4 minutes (inside the 5-minute {@code Settings.MAX_CLOCK_SKEW} the product
 * tolerates elsewhere), three wrong passwords on the node running behind locked the account for 5
 * minutes there but for only about 1 minute on the other node, where an attacker could guess again.
 * Now the rows and the window are in the database's time: 2 minutes after the failures the account
 * is still locked on both nodes, whatever their clocks say.
 */
class LockoutClockSkewSeveralNodesFindingsTest {

    private static final Duration SKEW = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    static Stream<Arguments> containersAndServers() {
        return Stream.of(Container.values()).flatMap(c -> Stream.of(RealDatabase.values()).map(db -> Arguments.of(c, db)));
    }

    @ParameterizedTest
    @MethodSource("containersAndServers")
    void theLockoutHoldsOnTheOtherNodeForItsWholeDurationWhenTheClocksDiffer(Container container, RealDatabase server)
            throws Exception {
        Instant now = Instant.now();
        MutableClock behind = new MutableClock(now.minus(SKEW));
        MutableClock onTime = new MutableClock(now);
        try (TwoNodes nodes = TwoNodes.of(container, server, dir).params(p -> {
            p.put("jwtgate.rules", "/** -> authenticated");
            p.put("jwtgate.login.max-failures", "3");
            p.put("jwtgate.login.lockout", "PT5M");
            p.put("jwtgate.login.address-max-failures", "1000");
        }).clockA(behind).clockB(onTime).start()) {
            Http a = nodes.a();
            Http b = nodes.b();
            for (int i = 0; i < 3; i++) {
                assertEquals(401, login(a, "a wrong guess " + i).status());
            }
            assertEquals(429, login(a, Seed.PASSWORD).status(), "locked on the node that saw the failures");
            // Two minutes later in real time: both clocks move on, the lockout (5 min) still runs.
            behind.advance(Duration.ofMinutes(2));
            onTime.advance(Duration.ofMinutes(2));
            assertEquals(429, login(a, Seed.PASSWORD).status(), "still locked on node A");
            // Only the status is reported: the body of a successful login holds tokens.
            assertEquals(429, login(b, Seed.PASSWORD).status(), "node B, whose clock is 4 minutes ahead of"
                    + " A's, already lets the locked account log in 2 minutes into a 5-minute lockout");
        }
    }

    private static Http.Response login(Http http, String password) {
        return http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + password + "\"}");
    }
}
