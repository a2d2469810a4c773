package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outside review of the verified-token cache (issue 14) over real HTTP: every way a session or
 * token ends refuses a cached token at once on every mapping; clock steps; tokens that differ from a
 * cached one only in ways a lenient parser might normalise; the rules on prefix, extension and
 * default mappings with path tricks; forged floods and a two-entry cache under sixteen threads; a
 * trusted issuer's key removed or its server down. Three applications share the test's clock and
 * signing secret: {@code cached} (the default cache), {@code tiny} ({@code max-entries=2},
 * {@code max-bytes=65536}) and {@code uncached} ({@code enabled=false}), so the cached verdict can be
 * compared with the uncached one for the same token. Every attack here held.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokenCacheAttackContract {

    private static final String RULES = String.join("\n",
            "/admin/** -> role:admin",
            "/api/messages/** -> scope:messages:read",
            "/public/** -> permit",
            "/** -> authenticated");
    /** One path per kind of mapping: exact, prefix (two), extension, default. */
    private static final List<String> PATHS = List.of("/api/hello", "/api/x/y", "/admin/users", "/reports/x.do", "/x");
    private static final String REVOKED = "The access token has been revoked";
    private static final String[] USERS = {"carol", "dave", "erin", "frank", "gina", "hank", "ivy", "jack"};

    private final MutableClock clock = new MutableClock(Instant.now());
    private final RSAKey rsa = IdentityProvider.rsaKey("rsa-1");
    private final ECKey ec = IdentityProvider.ecKey("ec-1");
    private IdentityProvider idp;
    private Container.Running cachedServer;
    private Container.Running tinyServer;
    private Container.Running uncachedServer;
    private Http cached;
    private Http tiny;
    private Http uncached;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        idp = IdentityProvider.start();
        idp.publish(rsa, ec);
        cachedServer = start(Map.of());
        tinyServer = start(Map.of("jwtgate.token-cache.max-entries", "2", "jwtgate.token-cache.max-bytes", "65536"));
        uncachedServer = start(Map.of("jwtgate.token-cache.enabled", "false"));
        cached = cachedServer.http();
        tiny = tinyServer.http();
        uncached = uncachedServer.http();
    }

    private Container.Running start(Map<String, String> more) throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-token-cache-attack");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.rules", RULES);
        params.put("jwtgate.access-token.ttl", "PT5M");
        params.put("jwtgate.clock-skew", "PT30S");
        params.put("jwtgate.session.max-per-user", "3");
        params.putAll(ProviderStyles.settings(idp.jwksUri()));
        params.put("jwtgate.trusted-issuer.keycloak.cache-ttl", "PT5M");
        params.put("jwtgate.trusted-issuer.keycloak.min-refresh", "PT30S");
        params.putAll(more);
        Seed.users(params);
        for (String user : USERS) {
            Seed.user(params, user, Seed.PASSWORD);
        }
        Container.Running server = container().start(params, dir, Map.of("io.jwtgate.clock", clock));
        assertTrue(server.available(), server.startFailure());
        return server;
    }

    @AfterAll
    void stop() {
        for (Container.Running s : new Container.Running[] {cachedServer, tinyServer, uncachedServer}) {
            if (s != null) {
                s.close();
            }
        }
        if (idp != null) {
            idp.close();
        }
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode loginAnswer(Http http, String user) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return json(r);
    }

    private static String login(Http http, String user) {
        return loginAnswer(http, user).get("access_token").textValue();
    }

    private static String jti(String token) {
        byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        return StrictJson.parse(payload).get("jti").textValue();
    }

    /** Seen on every mapping, so each mapping's request may be answered from the cache next time. */
    private static void use(Http http, String token) {
        for (int i = 0; i < 2; i++) {
            for (String path : PATHS) {
                if (!path.startsWith("/admin")) {
                    assertEquals(200, http.bearerGet(path, token).status(), path);
                }
            }
        }
    }

    private static void assertRefusedAs(Http http, String description, String token) {
        for (String path : PATHS) {
            Http.Response r = http.bearerGet(path, token);
            assertEquals(401, r.status(), path + ": " + r.body());
            assertEquals("{\"error\":\"invalid_token\",\"error_description\":\"" + description + "\"}", r.body(), path);
        }
    }

    @Test
    void aCachedTokenIsRefusedOnEveryMappingOnceRevokedByIdThroughDelete() {
        String token = login(cached, "frank");
        use(cached, token);
        Http.Response r = cached.raw("DELETE", "/app/auth/token/" + jti(token), List.of("Authorization: Bearer " + token), null);
        assertEquals(204, r.status(), r.body());
        assertRefusedAs(cached, REVOKED, token);
    }

    @Test
    void aPasswordChangeRefusesTheOtherCachedSessionsAtOnceAndKeepsTheCallers() {
        String caller = login(cached, "carol");
        String other = login(cached, "carol");
        use(cached, caller);
        use(cached, other);
        Http.Response r = cached.postJson("/auth/password",
                "{\"current_password\":\"" + Seed.PASSWORD + "\",\"new_password\":\"another fine one\"}",
                "Authorization", "Bearer " + caller);
        assertEquals(204, r.status(), r.body());
        assertRefusedAs(cached, REVOKED, other);
        assertEquals(200, cached.bearerGet("/api/hello", caller).status(), "the caller's own session goes on");
    }

    @Test
    void refreshTokenReuseRefusesEveryCachedAccessTokenOfTheSession() {
        JsonNode first = loginAnswer(cached, "dave");
        String a1 = first.get("access_token").textValue();
        String r1 = first.get("refresh_token").textValue();
        use(cached, a1);
        Http.Response refreshed = cached.postJson("/auth/refresh", "{\"refresh_token\":\"" + r1 + "\"}");
        assertEquals(200, refreshed.status(), refreshed.body());
        String a2 = json(refreshed).get("access_token").textValue();
        use(cached, a2);
        Http.Response reuse = cached.postJson("/auth/refresh", "{\"refresh_token\":\"" + r1 + "\"}");
        assertEquals(401, reuse.status(), reuse.body());
        assertRefusedAs(cached, REVOKED, a1);
        assertRefusedAs(cached, REVOKED, a2);
    }

    @Test
    void theSessionCapRefusesTheEvictedSessionsCachedTokenAtOnce() {
        String oldest = login(cached, "erin");
        use(cached, oldest);
        List<String> newer = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // The test clock stands still: a second between logins makes "the oldest session" one session.
            clock.advance(Duration.ofSeconds(1));
            newer.add(login(cached, "erin"));
        }
        assertRefusedAs(cached, REVOKED, oldest);
        for (String t : newer) {
            assertEquals(200, cached.bearerGet("/x", t).status());
        }
    }

    @Test
    void logoutAndRfc7009RevocationRefuseCachedTokensInTheTinyCacheToo() {
        String a = login(tiny, "gina");
        String b = login(tiny, "gina");
        use(tiny, a);
        use(tiny, b);
        assertEquals(204, tiny.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + a).status());
        assertRefusedAs(tiny, REVOKED, a);
        Http.Response revoke = tiny.post("/auth/revoke", "application/x-www-form-urlencoded",
                "token=" + b + "&token_type_hint=access_token", "Authorization", "Bearer " + b);
        assertTrue(revoke.status() == 200 || revoke.status() == 204, revoke.status() + " " + revoke.body());
        assertRefusedAs(tiny, REVOKED, b);
    }

    @Test
    void clockStepsNeverLetTheCacheAnswerOutsideTheTokensWindow() {
        String token = login(cached, "hank");
        use(cached, token);
        // Stepped back: iat is now more than the skew ahead, so full verification refuses it, and so must a hit.
        clock.advance(Duration.ofSeconds(-45));
        assertSameVerdict(token, 401);
        clock.advance(Duration.ofSeconds(45));
        use(cached, token);
        // A large jump forward past exp + skew.
        clock.advance(Duration.ofMinutes(5).plusSeconds(32));
        assertSameVerdict(token, 401);
        assertRefusedAs(cached, "The access token expired", token);
        clock.advance(Duration.ofDays(3));
        assertSameVerdict(token, 401);
        assertEquals(200, cached.bearerGet("/x", login(cached, "hank")).status(), "a fresh login on the new clock");
    }

    private void assertSameVerdict(String token, int status) {
        for (String path : PATHS) {
            Http.Response seen = cached.bearerGet(path, token);
            Http.Response fresh = uncached.bearerGet(path, token);
            assertEquals(status, seen.status(), path + ": " + seen.body());
            assertEquals(fresh.status(), seen.status(), path);
            assertEquals(fresh.body(), seen.body(), path);
        }
    }

    @Test
    void tokensDifferingFromACachedOneOnlyInWaysAParserMightNormaliseGetTheUncachedVerdict() {
        String token = login(cached, "ivy");
        use(cached, token);
        String[] parts = token.split("\\.");
        String header = parts[0];
        String payload = parts[1];
        String sig = parts[2];
        List<String> headerValues = new ArrayList<>();
        headerValues.add("Bearer " + token + "=");
        headerValues.add("Bearer " + token + "==");
        headerValues.add("bearer " + token);
        headerValues.add("BEARER " + token);
        headerValues.add("Bearer  " + token);
        headerValues.add("Bearer \t" + token);
        headerValues.add("Bearer\t" + token);
        headerValues.add("Bearer " + token + " ");
        headerValues.add("Bearer " + token + "\t");
        headerValues.add("Bearer " + token.replace(".", "%2E"));
        headerValues.add("Bearer " + header + "=." + payload + "." + sig);
        headerValues.add("Bearer " + header + "." + payload + "=." + sig);
        headerValues.add("Bearer " + header.replace('-', '+').replace('_', '/') + "." + payload + "." + sig);
        headerValues.add("Bearer " + header + "." + payload + "." + sig.replace('-', '+').replace('_', '/'));
        // The last character of the signature carries spare bits: a non-canonical twin decodes to the same bytes.
        headerValues.add("Bearer " + header + "." + payload + "." + sig.substring(0, sig.length() - 1)
                + (char) (sig.charAt(sig.length() - 1) + 1));
        // Another header with the same payload and signature (an added space, another typ case).
        headerValues.add("Bearer " + TokenForge.b64("{\"alg\":\"HS256\", \"typ\":\"at+jwt\"}") + "." + payload + "." + sig);
        headerValues.add("Bearer " + TokenForge.b64("{\"alg\":\"HS256\",\"typ\":\"AT+JWT\"}") + "." + payload + "." + sig);
        headerValues.add("Bearer " + TokenForge.b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + payload + "." + sig);
        headerValues.add("Bearer " + header + "." + payload + ".");
        headerValues.add("Bearer " + header + "." + payload);
        headerValues.add("Bearer " + header + "." + payload + "." + sig + ".");
        headerValues.add("Bearer ." + token);
        headerValues.add("Bearer " + token.toUpperCase(java.util.Locale.ROOT));
        headerValues.add("Bearer " + token + ", Bearer " + token);
        for (String value : headerValues) {
            for (String path : List.of("/app/api/hello", "/app/x")) {
                Http.Response seen = cached.raw("GET", path, List.of("Authorization: " + value), null);
                Http.Response fresh = uncached.raw("GET", path, List.of("Authorization: " + value), null);
                assertNotEquals(500, seen.status(), value);
                assertEquals(fresh.status(), seen.status(), "verdict with and without the cache for " + value);
                assertEquals(fresh.body(), seen.body(), value);
            }
        }
        assertEquals(200, cached.bearerGet("/api/hello", token).status(), "the cached token is still good");
    }

    @Test
    void theRulesJudgeCachedTokensOnEveryRequestWhateverThePathTrick() {
        String user = login(cached, "alice");
        String guest = login(cached, "bob");
        String admin = login(cached, "admin");
        List<String> adminTargets = List.of("/app/admin/users", "/app//admin/users", "/app/admin//users", "/app/./admin/users",
                "/app/admin/./users", "/app/api/../admin/users", "/app/admin;jsessionid=x/users", "/app/admin/users;x=y",
                "/app/admin%2Fusers", "/app/%61dmin/users", "/app/admin/%2e/users", "/app/admin", "/app/admin/",
                "/app/admin/x.do", "/app/admin/users?x=/public/hello", "/app/public/../admin/users",
                "/app/public/..;/admin/users", "/app/public/%2e%2e/admin/users");
        for (int round = 0; round < 3; round++) {
            for (String target : adminTargets) {
                Http.Response u = cached.raw("GET", target, List.of("Authorization: Bearer " + user), null);
                Http.Response fresh = uncached.raw("GET", target, List.of("Authorization: Bearer " + user), null);
                assertEquals(fresh.status(), u.status(), target);
                assertNotEquals(500, u.status(), target);
                if (u.status() == 200) {
                    assertNotEquals("echo-admin", json(u).get("servlet").textValue(), target + " reached /admin/* for a user");
                }
                Http.Response a = cached.raw("GET", target, List.of("Authorization: Bearer " + admin), null);
                assertEquals(uncached.raw("GET", target, List.of("Authorization: Bearer " + admin), null).status(),
                        a.status(), target);
            }
            assertEquals(403, cached.bearerGet("/api/messages/1", guest).status(), "scope rule, guest has no scope");
            assertEquals(200, cached.bearerGet("/api/messages/1", user).status());
            assertEquals(403, cached.bearerGet("/admin/x.do", user).status(), "extension under a prefix rule");
            assertEquals(200, cached.bearerGet("/reports/x.do", guest).status());
            assertEquals(200, cached.bearerGet("/admin/x.do", admin).status());
        }
    }

    /** A request and whether it must be answered 200 as {@code user}. */
    private record Probe(String token, String user, String kind) {
        Probe(String token, String user) {
            this(token, user, user == null ? "forged" : "good");
        }
    }

    private static List<Probe> floodOf(Http http) {
        List<Probe> probes = new ArrayList<>();
        TokenForge forge = new TokenForge(TestSettings.secretBytes());
        TokenForge stranger = new TokenForge("a-secret-nobody-configured-0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        for (String user : List.of("alice", "bob", "admin", "jack")) {
            String good = login(http, user);
            probes.add(new Probe(good, user));
            String[] p = good.split("\\.");
            for (int i = 0; i < 6; i++) {
                int at = 2 + i * 5;
                char c = p[2].charAt(at);
                // A digit for a letter or another digit: never a change of case only, which embedded Jetty's
                // per-connection header cache folds (see JettyTokenCacheFindingsTest).
                probes.add(new Probe(p[0] + "." + p[1] + "." + p[2].substring(0, at) + (c == '0' ? '1' : '0')
                        + p[2].substring(at + 1), null, "signature of " + user + "'s token changed at " + at));
            }
            String admined = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8)
                    .replace("\"roles\":[", "\"roles\":[\"admin\",");
            probes.add(new Probe(p[0] + "." + TokenForge.b64(admined) + "." + p[2], null, "admin role added to " + user + "'s payload"));
            probes.add(new Probe(stranger.hs256(TokenForge.HEADER, new String(Base64.getUrlDecoder().decode(p[1]),
                    StandardCharsets.UTF_8)), null, "signed by a stranger"));
        }
        long now = Instant.now().getEpochSecond();
        probes.add(new Probe(forge.hs256("{\"alg\":\"HS384\",\"typ\":\"at+jwt\"}", TokenForge.claims(now)), null,
                "HS256 signature under an HS384 header"));
        probes.add(new Probe("eyJhbGciOiJub25lIn0.e30.", null));
        probes.add(new Probe("x".repeat(3000), null));
        return probes;
    }

    private static void flood(Http http, List<Probe> probes, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int seed = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed);
                for (int k = 0; k < perThread; k++) {
                    Probe probe = probes.get(random.nextInt(probes.size()));
                    String path = k % 3 == 0 ? "/x" : k % 3 == 1 ? "/api/x/y" : "/reports/a.do";
                    Http.Response r = http.bearerGet(path, probe.token());
                    if (probe.user() == null) {
                        if (r.status() != 401) {
                            wrong.add("forged token (" + probe.kind() + ") " + probe.token() + " answered " + r.status() + " " + r.body());
                        }
                    } else if (r.status() != 200 || !probe.user().equals(json(r).get("username").textValue())) {
                        wrong.add(probe.user() + "'s token " + probe.token() + " answered " + r.status() + " " + r.body());
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(3, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers of " + 16 * perThread + ":\n" + String.join("\n", wrong));
    }

    @Test
    void aForgedFloodFromSixteenThreadsGetsExactlyTheRightVerdictPerRequestWithTheCache() throws Exception {
        flood(cached, floodOf(cached), Integer.getInteger("attack.flood", 60));
    }

    @Test
    void aForgedFloodFromSixteenThreadsGetsExactlyTheRightVerdictPerRequestWithATinyCache() throws Exception {
        flood(tiny, floodOf(tiny), Integer.getInteger("attack.flood", 60));
    }

    @Test
    void aForgedFloodFromSixteenThreadsGetsExactlyTheRightVerdictPerRequestWithoutTheCache() throws Exception {
        flood(uncached, floodOf(uncached), Integer.getInteger("attack.flood", 60));
    }

    @Test
    void aTinyCacheUnderSixteenThreadsNeverAnswersOneUsersTokenAsAnothers() throws Exception {
        List<Probe> probes = new ArrayList<>();
        for (String user : List.of("alice", "bob", "admin", "jack", "carol", "ivy")) {
            probes.add(new Probe(login(tiny, user), user));
        }
        flood(tiny, probes, 80);
        String revokedNow = probes.get(0).token();
        assertEquals(204, tiny.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + revokedNow).status());
        assertRefusedAs(tiny, REVOKED, revokedNow);
        flood(tiny, probes.subList(1, probes.size()), 40);
    }

    private String keycloak(String user, List<String> roles, Duration life) {
        Instant now = clock.instant();
        return IdentityProvider.sign(rsa, "JWT", ProviderStyles.keycloak(now, user, roles, "openid")
                .expirationTime(Date.from(now.plus(life))).build());
    }

    @Test
    void aTrustedIssuersCachedTokensFollowItsKeySetAndItsRulesAndSurviveTheIssuerGoingDown() {
        String user = keycloak("kate", List.of("user"), Duration.ofMinutes(50));
        String admin = keycloak("karl", List.of("admin"), Duration.ofMinutes(50));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, cached.bearerGet("/x", user).status(), "verified before the first fetch, then cached");
            assertEquals(403, cached.bearerGet("/admin/users", user).status());
            assertEquals(200, cached.bearerGet("/admin/users", admin).status());
            assertEquals(200, uncached.bearerGet("/x", user).status());
        }
        idp.goDown();
        try {
            clock.advance(Duration.ofMinutes(6));
            for (int i = 0; i < 3; i++) {
                assertEquals(200, cached.bearerGet("/x", user).status(), "issuer down: the last good keys are kept");
                assertEquals(uncached.bearerGet("/x", admin).status(), cached.bearerGet("/x", admin).status());
            }
        } finally {
            idp.up();
        }
        idp.publish(ec);
        clock.advance(Duration.ofMinutes(6));
        for (Http http : List.of(cached, uncached, tiny)) {
            for (String path : PATHS) {
                Http.Response r = http.bearerGet(path, user);
                assertEquals(401, r.status(), path + ": key rsa-1 removed from the JWKS: " + r.body());
            }
        }
        idp.publish(rsa, ec);
    }
}
