package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 8 item 2 over real HTTP, once per container: the login endpoints never send a Basic
 * challenge (a browser would show its dialog and then send the cached credentials to the site on
 * its own), and a request authenticated by Basic with an unsafe method must come from the
 * site's own origin or a listed one, at the filter and at the login servlet alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BasicCsrfContract {

    static final String BEARER_ONLY = "Bearer realm=\"jwtgate\"";
    static final String BASIC = "Basic realm=\"jwtgate\", charset=\"UTF-8\"";
    static final String EVIL = "https://evil.example";
    static final String PARTNER = "https://partner.example";
    static final String CROSS_ORIGIN_BODY = "{\"error\":\"forbidden\",\"error_description\":\"A request that changes"
            + " state with Basic credentials must come from this site's own origin or one listed in"
            + " jwtgate.allowed-origins\"}";
    static final int MAX_FAILURES = 3;

    private Container.Running server;
    Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-csrf");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.rules", FilterContract.RULES);
        params.put("jwtgate.allowed-origins", PARTNER + ", HTTP://Localhost:9443");
        params.put("jwtgate.login.max-failures", Integer.toString(MAX_FAILURES));
        params.put("jwtgate.login.address-max-failures", "1000");
        Seed.users(params);
        server = container().start(params, dir);
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String alice() {
        return basic("alice", Seed.PASSWORD);
    }

    static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The text/plain POST a cross-site HTML form or no-cors fetch can send without a preflight. */
    Http.Response plainPost(String path, String authorization, String... headerPairs) {
        List<String> pairs = new ArrayList<>(List.of("Authorization", authorization));
        pairs.addAll(List.of(headerPairs));
        return http.post(path, "text/plain", "{\"text\":\"hi\"}", pairs.toArray(String[]::new));
    }

    static void assertRefusedAsCrossOrigin(Http.Response r, String label) {
        assertEquals(403, r.status(), label + ": " + r);
        assertEquals(CROSS_ORIGIN_BODY, r.body(), label);
        assertEquals(List.of(), r.headers("WWW-Authenticate"), label);
        assertEquals("no-store", r.header("Cache-Control"), label);
        FilterContract.assertNotReachedApp(r);
    }

    static void assertReachedAsAlice(Http.Response r, String label) {
        assertEquals(200, r.status(), label + ": " + r);
        assertEquals("alice", json(r).get("principal").textValue(), label);
        assertEquals("BASIC", json(r).get("authType").textValue(), label);
    }

    // ------------------------------------------------------------ the finding

    @Test
    void crossSiteBasicTextPlainPostGets403AndNeverReachesTheApp() {
        assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Origin", EVIL), "Origin " + EVIL);
    }

    @Test
    void crossSiteOrSameSiteFetchMetadataGets403WithOrWithoutAnOrigin() {
        assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Sec-Fetch-Site", "cross-site"), "cross-site");
        assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Sec-Fetch-Site", "same-site"), "same-site");
        assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Sec-Fetch-Site", "cross-site",
                "Origin", EVIL), "cross-site from evil");
        // A sibling host of the same site is another origin: the classic CSRF source.
        assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Sec-Fetch-Site", "same-site",
                "Origin", "http://uploads.127.0.0.1"), "same-site sibling");
        assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Sec-Fetch-Site", "sideways"),
                "unknown Sec-Fetch-Site value");
    }

    @Test
    void nullOriginGets403() {
        assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Origin", "null"), "Origin null");
        assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Origin", "null",
                "Sec-Fetch-Site", "cross-site"), "Origin null, cross-site");
    }

    @Test
    void originsThatOnlyResembleTheSitesOwnGet403() {
        String own = http.origin();
        for (String origin : List.of(own.replace("http:", "https:"), own + "1", "http://127.0.0.2" + own.substring(
                own.lastIndexOf(':')), own + "/", own + "/app", "http://127.0.0.1", own + ".evil.example",
                "http://127.0.0.1@evil.example" + own.substring(own.lastIndexOf(':')))) {
            assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Origin", origin), origin);
        }
    }

    @Test
    void foreignOriginGets403EvenWhenFetchMetadataSaysSameOriginOrNone() {
        for (String site : List.of("same-origin", "none")) {
            assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Sec-Fetch-Site", site, "Origin", EVIL),
                    site + " from evil");
            assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Sec-Fetch-Site", site, "Origin", "null"),
                    site + " with Origin null");
            assertRefusedAsCrossOrigin(http.post("/auth/token", "text/plain", "{}", "Authorization", alice(),
                    "Sec-Fetch-Site", site, "Origin", EVIL), "POST /auth/token " + site + " from evil");
        }
        // A listed origin still passes with either value.
        assertReachedAsAlice(plainPost("/api/messages", alice(), "Sec-Fetch-Site", "same-origin", "Origin", PARTNER),
                "same-origin from a listed origin");
    }

    @Test
    void everyUnsafeMethodWithCrossSiteBasicGets403() {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "PROPFIND")) {
            Http.Response r = http.raw(method, "/app/api/things",
                    List.of("Authorization: " + alice(), "Origin: " + EVIL), "");
            assertRefusedAsCrossOrigin(r, method);
        }
    }

    @Test
    void safeMethodsWithCrossSiteBasicReachTheApp() {
        assertReachedAsAlice(http.get("/api/hello", "Authorization", alice(), "Origin", EVIL,
                "Sec-Fetch-Site", "cross-site"), "GET");
        Http.Response head = http.raw("HEAD", "/app/api/hello",
                List.of("Authorization: " + alice(), "Origin: " + EVIL, "Sec-Fetch-Site: cross-site"), null);
        assertEquals(200, head.status(), head.toString());
        Http.Response options = http.raw("OPTIONS", "/app/api/hello",
                List.of("Authorization: " + alice(), "Origin: " + EVIL, "Sec-Fetch-Site: cross-site"), null);
        assertReachedAsAlice(options, "OPTIONS");
    }

    // ------------------------------------------------------------ what still works

    @Test
    void sameOriginBasicPostReachesTheApp() {
        String own = http.origin();
        assertReachedAsAlice(plainPost("/api/messages", alice(), "Origin", own), "Origin");
        assertReachedAsAlice(plainPost("/api/messages", alice(), "Origin", own, "Sec-Fetch-Site", "same-origin"),
                "Origin and same-origin");
        assertReachedAsAlice(plainPost("/api/messages", alice(), "Sec-Fetch-Site", "same-origin"), "same-origin");
        // A navigation the user started (bookmark, typed address) is no other site's doing.
        assertReachedAsAlice(plainPost("/api/messages", alice(), "Sec-Fetch-Site", "none"), "none");
        assertReachedAsAlice(http.raw("DELETE", "/app/api/things",
                List.of("Authorization: " + alice(), "Origin: " + own), null), "DELETE");
    }

    @Test
    void basicPostWithNeitherOriginNorFetchMetadataReachesTheApp() {
        assertReachedAsAlice(plainPost("/api/messages", alice()), "curl-like client");
    }

    @Test
    void listedOriginsPassEvenWhenTheBrowserSaysCrossSite() {
        assertReachedAsAlice(plainPost("/api/messages", alice(), "Origin", PARTNER), PARTNER);
        assertReachedAsAlice(plainPost("/api/messages", alice(), "Origin", PARTNER, "Sec-Fetch-Site", "cross-site"),
                PARTNER + " cross-site");
        // Listed as HTTP://Localhost:9443: compared in canonical (lower-case) form.
        assertReachedAsAlice(plainPost("/api/messages", alice(), "Origin", "http://localhost:9443",
                "Sec-Fetch-Site", "same-site"), "listed localhost");
        // A listed origin never vouches for another one.
        assertRefusedAsCrossOrigin(plainPost("/api/messages", alice(), "Origin", "https://partner.example:8443"),
                "partner on another port");
    }

    @Test
    void bearerRequestsFromOtherOriginsAreNotAffected() {
        String token = json(http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}")).get("access_token").textValue();
        Http.Response r = http.post("/api/messages", "application/json", "{}", "Authorization", "Bearer " + token,
                "Origin", EVIL, "Sec-Fetch-Site", "cross-site");
        assertEquals(200, r.status(), r.toString());
        assertEquals("BEARER", json(r).get("authType").textValue());
    }

    @Test
    void anonymousCrossSitePostsToPermitPathsAreNotAffected() {
        Http.Response r = http.post("/public/form", "text/plain", "x", "Origin", EVIL, "Sec-Fetch-Site", "cross-site");
        assertEquals(200, r.status(), r.toString());
    }

    // ------------------------------------------------------------ origin before password

    @Test
    void crossSiteBasicIsRefusedBeforeThePasswordIsCheckedSoItSpendsNoLockoutBudget() {
        String wrong = basic("bob", "not bobs password");
        Http.Response right = plainPost("/api/messages", basic("bob", Seed.PASSWORD), "Origin", EVIL);
        for (int i = 0; i < MAX_FAILURES + 2; i++) {
            Http.Response r = plainPost("/api/messages", wrong, "Origin", EVIL);
            // The same answer as for the right password: a cross-site page learns nothing.
            assertEquals(right.status(), r.status(), r.toString());
            assertEquals(right.body(), r.body());
            assertRefusedAsCrossOrigin(r, "attempt " + i);
        }
        Http.Response same = http.get("/api/hello", "Authorization", basic("bob", Seed.PASSWORD));
        assertEquals(200, same.status(), "bob must not be locked out: " + same);
    }

    // ------------------------------------------------------------ the login servlet

    @Test
    void crossSiteBasicAtTheTokenEndpointGets403AndSameOriginMints() {
        String body = "{\"scopes\":[\"messages:read\"]}";
        assertRefusedAsCrossOrigin(http.post("/auth/token", "text/plain", body, "Authorization", alice(),
                "Origin", EVIL), "POST /auth/token from evil");
        assertRefusedAsCrossOrigin(http.post("/auth/token", "text/plain", body, "Authorization", alice(),
                "Sec-Fetch-Site", "cross-site"), "POST /auth/token cross-site");
        Http.Response minted = http.post("/auth/token", "application/json", body, "Authorization", alice(),
                "Origin", http.origin());
        assertEquals(201, minted.status(), minted.toString());
    }

    @Test
    void crossSiteBasicRevocationGets403AndTheTokenStaysValid() {
        Http.Response minted = http.postJson("/auth/token", "{\"scopes\":[\"messages:read\"]}", "Authorization",
                alice());
        assertEquals(201, minted.status(), minted.toString());
        String token = json(minted).get("access_token").textValue();
        String id = json(minted).get("id").textValue();
        Http.Response r = http.raw("DELETE", "/app/auth/token/" + id,
                List.of("Authorization: " + alice(), "Origin: " + EVIL), null);
        assertRefusedAsCrossOrigin(r, "DELETE /auth/token cross-site");
        assertEquals(200, http.bearerGet("/auth/me", token).status());
        Http.Response same = http.raw("DELETE", "/app/auth/token/" + id,
                List.of("Authorization: " + alice(), "Origin: " + http.origin()), null);
        assertEquals(204, same.status(), same.toString());
        assertEquals(401, http.bearerGet("/auth/me", token).status());
    }

    @Test
    void crossSiteBasicGetOfMeStillAnswers() {
        Http.Response r = http.get("/auth/me", "Authorization", alice(), "Origin", EVIL, "Sec-Fetch-Site", "cross-site");
        assertEquals(200, r.status(), r.toString());
        assertEquals("alice", json(r).get("username").textValue());
    }

    // ------------------------------------------------------------ no Basic challenge under /auth

    @Test
    void failedJsonLoginGets401WithoutABasicChallenge() {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"nobody\",\"password\":\"wrong password\"}");
        assertEquals(401, r.status());
        assertEquals(List.of(BEARER_ONLY), r.headers("WWW-Authenticate"));
    }

    @Test
    void basicCredentialsAtPasswordAndLogoutGet401WithoutABasicChallenge() {
        Http.Response password = http.postJson("/auth/password",
                "{\"current_password\":\"x\",\"new_password\":\"y\"}", "Authorization", alice());
        assertEquals(401, password.status(), password.toString());
        assertEquals(List.of(BEARER_ONLY), password.headers("WWW-Authenticate"));
        Http.Response logout = http.post("/auth/logout", "application/json", "", "Authorization", alice());
        assertEquals(401, logout.status(), logout.toString());
        assertEquals(List.of(BEARER_ONLY), logout.headers("WWW-Authenticate"));
    }

    @Test
    void noLoginEndpointOffersABasicChallengeOnAny401() {
        List<Http.Response> answers = List.of(
                http.get("/auth/me"),
                http.get("/auth/me", "Authorization", basic("alice", "wrong password")),
                http.bearerGet("/auth/me", "x.y.z"),
                http.postJson("/auth/token", "{}"),
                http.postJson("/auth/token", "{}", "Authorization", basic("nobody", "wrong password")),
                http.postJson("/auth/refresh", "{\"refresh_token\":\"unknown\"}"),
                http.postJson("/auth/logout", "{}"),
                http.postJson("/auth/password", "{\"current_password\":\"x\",\"new_password\":\"y\"}"),
                http.raw("DELETE", "/app/auth/token/abc", List.of(), null),
                http.raw("DELETE", "/app/auth/token/abc", List.of("Authorization: " + basic("bob", "wrong")), null));
        for (Http.Response r : answers) {
            assertEquals(401, r.status(), r.toString());
            List<String> challenges = r.headers("WWW-Authenticate");
            assertEquals(1, challenges.size(), r.toString());
            assertTrue(challenges.get(0).startsWith(BEARER_ONLY), r.toString());
            assertFalse(challenges.stream().anyMatch(c -> c.regionMatches(true, 0, "Basic", 0, 5)), r.toString());
        }
    }

    @Test
    void theFilterKeepsItsBasicChallengeOnProtectedPathsWhileBasicIsAllowed() {
        Http.Response none = http.get("/api/hello");
        assertEquals(401, none.status());
        assertEquals(List.of(BEARER_ONLY, BASIC), none.headers("WWW-Authenticate"));
        Http.Response wrong = http.get("/api/hello", "Authorization", basic("nobody", "wrong password"));
        assertEquals(401, wrong.status());
        assertEquals(List.of(BEARER_ONLY, BASIC), wrong.headers("WWW-Authenticate"));
    }
}
