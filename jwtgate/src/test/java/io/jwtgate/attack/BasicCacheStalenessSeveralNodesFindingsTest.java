package io.jwtgate.attack;

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
import io.jwtgate.support.TwoNodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding of the issue-13 review; it failed before its fix (decision 470): the staleness bound guards Bearer tokens only. A cached Basic check
 * ({@code BasicCache}, 60 s) is answered without asking {@code Revocations}, so while node B cannot
 * read the store it goes on accepting a password that was changed on node A for the rest of the
 * cache's 60 s, past a {@code jwtgate.revocation.max-staleness} shorter than that (here 10 s): the
 * "credentials changed" row that would end the entry is in the very log B can no longer read. The
 * test asserts the correct behaviour: past the bound the cached Basic check is answered 503, like
 * a Bearer token.
 */
class BasicCacheStalenessSeveralNodesFindingsTest {

    private static final String NEW_PASSWORD = "a brand new passphrase for alice 7";
    private static final Eventually EVENTUALLY = Eventually.within(Duration.ofSeconds(20));

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void pastTheBoundACachedBasicCheckOfAPasswordChangedElsewhereIsNotAccepted(Container container,
            RealDatabase server) throws Exception {
        MutableClock clockB = new MutableClock(Instant.now());
        try (TwoNodes nodes = TwoNodes.of(container, server, dir).params(p -> {
                    p.put("jwtgate.rules", "/** -> authenticated");
                    p.put("jwtgate.basic-auth", "allow");
                    p.put("jwtgate.revocation.refresh-interval", "PT0.5S");
                    p.put("jwtgate.revocation.max-staleness", "PT10S");
                    p.put("jwtgate.revocation.push", "false");
                }).nodeBBehindProxy().clockB(clockB).start()) {
            Http a = nodes.a();
            Http b = nodes.b();
            String oldBasic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + Seed.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            String bearer = login(b).get("access_token").textValue();
            assertEquals(200, b.get("/api/hello", "Authorization", oldBasic).status(), "B caches the check");

            int failuresBefore = count("revocations not refreshed, keeping the ones in memory");
            nodes.proxy().cut();
            EVENTUALLY.until("a refresh of node B fails",
                    () -> count("revocations not refreshed, keeping the ones in memory") > failuresBefore);
            String access = login(a).get("access_token").textValue();
            Http.Response changed = a.postJson("/auth/password", "{\"current_password\":\"" + Seed.PASSWORD
                    + "\",\"new_password\":\"" + NEW_PASSWORD + "\"}", "Authorization", "Bearer " + access);
            assertEquals(204, changed.status(), changed.body());

            clockB.advance(Duration.ofSeconds(11));
            assertEquals(503, b.bearerGet("/api/hello", bearer).status(), "Bearer: past the bound");
            Http.Response r = b.get("/api/hello", "Authorization", oldBasic);
            assertEquals(503, r.status(), "the old password, changed on node A, is still accepted on node B"
                    + " from its Basic cache past max-staleness: " + r.body());
        }
    }

    private static int count(String text) {
        return (int) LogCapture.lines().stream().filter(l -> l.contains(text)).count();
    }

    private static JsonNode login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }
}
