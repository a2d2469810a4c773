package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * User enumeration by timing: logins for an unknown name and for a known name with a wrong
 * password, interleaved in random order over real HTTP, must not be told apart by a rank test.
 * No absolute time is asserted; the two groups are compared with each other in one run, so a
 * busy machine slows both alike. A positive control (a path that skips bcrypt) shows the test
 * has the power to see a difference of the size a missing dummy hash would cause. Run in both
 * containers, at the cost the accounts were hashed with and after the cost was raised (the
 * stored hashes are then cheaper than the dummy hash of the configured cost).
 */
class UserEnumerationTimingTest {

    private static final int ROUNDS = 40;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Container.class)
    void unknownUserAndWrongPasswordTakeIndistinguishableTime(Container container) {
        Map<String, String> params = params();
        Seed.users(params);
        assertIndistinguishable(container, params);
    }

    /** Accounts hashed at cost 10, JwtGate restarted at cost 11: a wrong password must cost 2^11 too. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void afterTheCostIsRaisedExistingUserWithWrongPasswordAndUnknownNameTakeIndistinguishableTime(
            Container container) {
        Map<String, String> params = params();
        Seed.users(params);
        params.put("jwtgate.bcrypt.cost", "11");
        assertIndistinguishable(container, params);
    }

    private Map<String, String> params() {
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.login.max-failures", "1000");
        params.put("jwtgate.login.address-max-failures", "100000");
        return params;
    }

    private void assertIndistinguishable(Container container, Map<String, String> params) {
        try (Container.Running app = container.start(params, dir)) {
            Http http = app.http();
            String unknown = "{\"username\":\"nobody-here\",\"password\":\"wrong password\"}";
            String wrong = "{\"username\":\"alice\",\"password\":\"wrong password\"}";
            String noHashing = "{\"username\":\"alice\",\"password\":\"" + "x".repeat(80) + "\"}";
            for (int i = 0; i < 5; i++) {
                time(http, unknown);
                time(http, wrong);
                time(http, noHashing);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                order.add(0);
                order.add(1);
                order.add(2);
            }
            Collections.shuffle(order, new Random(20261123L));
            List<Long> unknownTimes = new ArrayList<>();
            List<Long> wrongTimes = new ArrayList<>();
            List<Long> controlTimes = new ArrayList<>();
            for (int kind : order) {
                if (kind == 0) {
                    unknownTimes.add(time(http, unknown));
                } else if (kind == 1) {
                    wrongTimes.add(time(http, wrong));
                } else {
                    controlTimes.add(time(http, noHashing));
                }
            }
            double z = mannWhitneyZ(unknownTimes, wrongTimes);
            double controlZ = mannWhitneyZ(unknownTimes, controlTimes);
            String summary = container + " at cost " + params.get("jwtgate.bcrypt.cost") + ": median unknown "
                    + median(unknownTimes) / 1000 + " us, wrong password " + median(wrongTimes) / 1000
                    + " us, no hashing " + median(controlTimes) / 1000 + " us; z=" + z + ", control z=" + controlZ;
            assertTrue(Math.abs(controlZ) > 4, "the test must see a skipped bcrypt: " + summary);
            assertFalse(Math.abs(z) > 4 && ratio(unknownTimes, wrongTimes) > 1.25,
                    "unknown and known names are distinguishable by timing: " + summary);
        }
    }

    private static long time(Http http, String body) {
        long start = System.nanoTime();
        Http.Response r = http.postJson("/auth/login", body);
        long elapsed = System.nanoTime() - start;
        assertEquals(401, r.status());
        return elapsed;
    }

    private static double median(List<Long> xs) {
        long[] a = xs.stream().mapToLong(Long::longValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
    }

    private static double ratio(List<Long> a, List<Long> b) {
        double ma = median(a);
        double mb = median(b);
        return Math.max(ma, mb) / Math.min(ma, mb);
    }

    /** Normal approximation of the Mann-Whitney U statistic (ties get average ranks). */
    static double mannWhitneyZ(List<Long> a, List<Long> b) {
        int n1 = a.size();
        int n2 = b.size();
        long[][] all = new long[n1 + n2][];
        for (int i = 0; i < n1; i++) {
            all[i] = new long[] {a.get(i), 0};
        }
        for (int i = 0; i < n2; i++) {
            all[n1 + i] = new long[] {b.get(i), 1};
        }
        Arrays.sort(all, (x, y) -> Long.compare(x[0], y[0]));
        double rankSumA = 0;
        int i = 0;
        while (i < all.length) {
            int j = i;
            while (j + 1 < all.length && all[j + 1][0] == all[i][0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (all[k][1] == 0) {
                    rankSumA += rank;
                }
            }
            i = j + 1;
        }
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        double mean = n1 * n2 / 2.0;
        double sd = Math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12.0);
        return (u - mean) / sd;
    }
}
