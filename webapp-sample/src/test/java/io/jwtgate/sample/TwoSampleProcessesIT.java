package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.Eventually;
import io.jwtgate.support.LogAudit;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Secrets;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13, "done when": two sample processes started the README's way (its main class, its
 * environment variables) on one PostgreSQL or MariaDB agree on a logout within the refresh
 * interval. Each process holds its revocations in memory; the only channel between them is the
 * shared database, which the second one polls every {@code JWTGATE_REVOCATION_REFRESH_INTERVAL}.
 */
class TwoSampleProcessesIT {

    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * A refresh on the second node that read the log just before the logout committed misses it;
     * the next one, an interval later, cannot. So the bound is one interval plus that one poll of
     * the node, plus one poll of this test.
     */
    private static final Duration BOUND = REFRESH_INTERVAL.multipliedBy(2).plus(POLL);
    private static final String DEMO_PASSWORD = "two-processes-demo-password";

    @TempDir
    Path temp;

    private String secret;

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void aLogoutOnOneProcessIsRefusedByTheOtherWithinTheRefreshInterval(RealDatabase engine) throws Exception {
        Secrets.remember(DEMO_PASSWORD);
        try (RealDatabase.Schema schema = SampleDatabases.create(engine)) {
            List<SampleProcess> started = new ArrayList<>();
            try {
                // One after the other, as the README says: the first start creates the schema and the demo users.
                SampleProcess first = start(schema, engine + "-first", started);
                SampleProcess second = start(schema, engine + "-second", started);
                Http one = new Http(first);
                Http two = new Http(second);

                HttpResponse<String> login = one.postJson("/auth/login",
                        Http.object().put("username", "alice").put("password", DEMO_PASSWORD), null);
                assertEquals(200, login.statusCode(), login.body());
                String access = Http.json(login).get("access_token").asText();
                String refresh = Http.json(login).get("refresh_token").asText();
                // Without this the refusal below would prove nothing: the nodes share the key and the users.
                HttpResponse<String> before = two.get("/api/hello", access);
                assertEquals(200, before.statusCode(), before.body());

                assertEquals(204, one.postJson("/auth/logout", "{}", access).statusCode());
                long loggedOut = System.nanoTime();
                HttpResponse<String> after = Eventually.within(BOUND).every(POLL)
                        .lastOf(() -> two.get("/api/hello", access), r -> r.statusCode() != 200);
                Duration took = Duration.ofNanos(System.nanoTime() - loggedOut);

                assertEquals(401, after.statusCode(), "still accepted " + took + " after the logout: " + after.body());
                assertTrue(after.headers().allValues("WWW-Authenticate").stream()
                        .anyMatch(h -> h.contains("The access token has been revoked")), after.headers().toString());
                // The refresh token is refused at once: it is checked in the store, not in memory.
                HttpResponse<String> refreshed = two.postJson("/auth/refresh",
                        Http.object().put("refresh_token", refresh), null);
                assertEquals(401, refreshed.statusCode(), refreshed.body());
                for (SampleProcess process : started) {
                    assertEquals(List.of(), LogAudit.leaks(process.logLines(), Secrets.all()), "see " + process.log());
                }
            } finally {
                started.forEach(SampleProcess::close);
            }
        }
    }

    private SampleProcess start(RealDatabase.Schema schema, String name, List<SampleProcess> started)
            throws IOException, InterruptedException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JWTGATE_JDBC_URL", schema.url());
        env.put("JWTGATE_JDBC_USERNAME", schema.user());
        env.put("JWTGATE_SIGNING_SECRET", sharedSecret());
        env.put("JWTGATE_REVOCATION_REFRESH_INTERVAL", REFRESH_INTERVAL.toString());
        env.put("JWTGATE_BCRYPT_COST", "10");
        env.put("JWTGATE_DATA_DIR", Files.createDirectories(temp.resolve(name + "-data")).toString());
        env.put("DEMO_PASSWORD", DEMO_PASSWORD);
        // Beside the WAR in target/, kept after the run for a failure.
        Path log = SampleWar.path().resolveSibling("two-processes-" + name + ".log");
        SampleProcess process = SampleProcess.start(env, log);
        started.add(process);
        return process;
    }

    /** Every node signs and verifies with one secret; a fresh one per test, remembered for the log audit. */
    private String sharedSecret() {
        if (secret == null) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Secrets.remember(secret);
        }
        return secret;
    }
}
