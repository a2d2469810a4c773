package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding S5 of the second review of issue 13: concurrent logins of one account with the RIGHT
 * password are refused with 429 "Too many failed attempts" although no attempt failed.
 *
 * <p>{@code LoginThrottle.begin} reserves a failure row for every attempt before its password is
 * checked (so that parallel guesses spend the budget one by one) and counts the rows in the window,
 * reservations of attempts still in flight included. More than {@code login.max-failures} (default
 * 5) simultaneous logins of one account therefore see more than the maximum, release their row and
 * answer 429 with a Retry-After computed from those in-flight rows, as for a real lockout. Across
 * nodes the in-flight attempts of every node add up, so a fleet of clients sharing an account (the
 * instances of a service, a user's devices after a password manager sync, a load test) trips it
 * sooner behind a balancer. The same holds for {@code login.address-max-failures} (50): that many
 * concurrent logins of different users behind one address (an office NAT, a backend-for-frontend)
 * refuse each other.
 *
 * <p>Impact: legitimate clients are told their account is locked and to wait (the Retry-After is
 * that of a lockout, up to its whole length), with no {@code lockout} audit event to tell an operator
 * why; an attacker gains nothing from it that the lockout does not already give.
 *
 * <p>Expected: right passwords are not refused while fewer than {@code max-failures} attempts have
 * FAILED. A fix: count only completed failures toward the limit, plus in-flight reservations only
 * when failures + in-flight exceed it (then answer 429 with {@code Retry-After: 1}, or wait briefly
 * and count again), since a reservation becomes a failure only when its password is wrong.
 */
class ConcurrentLoginsSecondRoundFindingsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void concurrentLoginsWithTheRightPasswordOnTwoNodesAreNotLockedOut(Container container, RealDatabase server)
            throws Exception {
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> paramsA = params(url, "a");
            Map<String, String> paramsB = params(url, "b");
            Seed.users(paramsA);
            Container otherContainer = container == Container.JETTY ? Container.TOMCAT : Container.JETTY;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try (Container.Running nodeA = container.start(paramsA, Files.createTempDirectory(dir, "wa"));
                    Container.Running nodeB = otherContainer.start(paramsB, Files.createTempDirectory(dir, "wb"))) {
                List<Http> nodes = List.of(nodeA.http(), nodeB.http());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Http.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Http node = nodes.get(i % 2);
                    answers.add(pool.submit(() -> {
                        go.await();
                        return node.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\""
                                + Seed.PASSWORD + "\"}");
                    }));
                }
                go.countDown();
                List<String> refused = new ArrayList<>();
                for (Future<Http.Response> f : answers) {
                    Http.Response r = f.get();
                    if (r.status() != 200) {
                        refused.add(r.status() + " Retry-After " + r.header("Retry-After"));
                    }
                }
                assertEquals(List.of(), refused, "eight simultaneous logins of alice with her right password, four"
                        + " on each node, no failed attempt at all: refused ones");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Map<String, String> params(String url, String node) throws Exception {
        Map<String, String> p = TestSettings.params(Files.createTempDirectory(dir, node));
        p.put("jwtgate.jdbc.url", url);
        p.put("jwtgate.rules", "/** -> authenticated");
        return p;
    }
}
