package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Attack probe of the second round (attack2, issue 12) on decision 432 that holds: after an
 * application fetched a provider's key set (so the {@link FetchWatchdog} thread exists) and the
 * container undeploys it, no {@code jwtgate-*} thread of that application is left running (the
 * watchdog and the maintenance thread end with {@code JwtGate.close()}). Threads are compared by
 * identity with those alive before the start, so other applications in the JVM do not interfere.
 */
abstract class UndeployThreadsAttackContract {

    protected abstract Container container();

    private static Set<Thread> jwtgateThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("jwtgate-")).collect(Collectors.toSet());
    }

    @Test
    void noJwtgateThreadOutlivesTheUndeployAfterAKeySetFetch() throws Exception {
        Set<Thread> before = jwtgateThreads();
        try (IdentityProvider idp = IdentityProvider.start()) {
            var rsa = IdentityProvider.rsaKey("rsa-1");
            idp.publish(rsa);
            Path dir = Files.createTempDirectory("jwtgate-undeploy");
            Map<String, String> params = TestSettings.params(dir);
            params.putAll(ProviderStyles.settings(idp.jwksUri()));
            Seed.users(params);
            Container.Running server = container().start(params, dir);
            Set<Thread> started;
            try {
                Http http = server.http();
                Http.Response r = http.bearerGet("/api/hello", IdentityProvider.sign(rsa, "JWT",
                        ProviderStyles.keycloak(Instant.now(), "kate", List.of(), "openid").build()));
                assertEquals(200, r.status(), r.body());
                started = jwtgateThreads();
                started.removeAll(before);
                assertTrue(started.stream().anyMatch(t -> t.getName().equals("jwtgate-jwks-watchdog")),
                        "the probe needs the watchdog running: " + started);
            } finally {
                server.close();
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (started.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(Set.of(), started.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet()));
        }
    }
}
