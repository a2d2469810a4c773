package io.jwtgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.FormEchoServlet;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.ResettingServlet;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.ServletApiServlet;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cookie mode at the filter over real HTTP (issue 15, decisions 651 to 667): the session cookie
 * authenticates, a header beside it is refused, unsafe cookie requests need the CSRF token and
 * this site's origin, an expired access cookie is refreshed once before the application runs
 * (surviving {@code reset()}), a stale cookie is cleared and the request goes on anonymous, and an
 * anonymous browser is sent to the login page. The cookies are the production ones: {@code __Host-},
 * {@code Secure}, {@code HttpOnly}, {@code SameSite=Lax}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CookieModeContract {

    static final String ACCESS = "__Host-jwtgate.access";
    static final String REFRESH = "__Host-jwtgate.refresh";
    static final String CSRF = "__Host-jwtgate.csrf";
    static final String PARTNER = "https://partner.example";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    /** Past the access token's lifetime (PT1M) and the clock skew (PT30S). */
    static final Duration EXPIRY = Duration.ofSeconds(91);

    private final MutableClock clock = new MutableClock(Instant.now());
    private final CsrfTokens csrfTokens = new CsrfTokens();
    private Container.Running server;
    private Http http;
    private int logStart;
    private final List<String> secrets = new ArrayList<>();

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-cookie-mode");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.cookie.enabled", "true");
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.access-token.ttl", "PT1M");
        params.put("jwtgate.allowed-origins", PARTNER);
        params.put("jwtgate.rules", "/public/** -> permit\n/** -> authenticated");
        Seed.users(params);
        logStart = LogCapture.lines().size();
        server = container().startDispatching(params, dir, Map.of("io.jwtgate.clock", clock),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")),
                List.of(new Deployment.ServletMapping("page", FormEchoServlet.class, "/api/page/*", -1),
                        new Deployment.ServletMapping("public-page", FormEchoServlet.class, "/public/page/*", -1),
                        new Deployment.ServletMapping("resetting", ResettingServlet.class, "/api/reset", -1),
                        new Deployment.ServletMapping("servlet-api", ServletApiServlet.class, "/api/sec/*", -1)),
                Map.of());
        assertTrue(server.available(), server.startFailure());
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A browser session: what the login would have set. */
    record Session(String access, String refresh, String csrf) {
        String cookie() {
            return ACCESS + "=" + access + "; " + REFRESH + "=" + refresh + "; " + CSRF + "=" + csrf;
        }
    }

    private Session login() {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode tokens = json(r);
        Session s = new Session(tokens.get("access_token").textValue(), tokens.get("refresh_token").textValue(),
                csrfTokens.generate());
        Secrets.remember(s.csrf());
        secrets.addAll(List.of(s.access(), s.refresh(), s.csrf()));
        return s;
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The cookies a response sets, by name, in order. */
    private static Map<String, String> setCookies(Http.Response r) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String line : r.headers("Set-Cookie")) {
            int eq = line.indexOf('=');
            cookies.put(line.substring(0, eq), line);
        }
        return cookies;
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private static void assertReachedAsAlice(Http.Response r, String label) {
        assertEquals(200, r.status(), label + ": " + r);
        assertEquals("alice", json(r).get("principal").textValue(), label);
    }

    private static void assertNotReached(Http.Response r) {
        assertFalse(r.body().contains("\"reached\""), "the application must not be reached: " + r.body());
    }

    private static void assertCleared(Http.Response r) {
        Map<String, String> set = setCookies(r);
        assertEquals(ACCESS + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax", set.get(ACCESS));
        assertEquals(REFRESH + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax", set.get(REFRESH));
        assertEquals(CSRF + "=; Path=/; Max-Age=0; Secure; SameSite=Lax", set.get(CSRF));
        assertEquals("no-store", r.header("Cache-Control"));
    }

    // ------------------------------------------------------------ authentication

    @Test
    void theAccessCookieAuthenticatesAndThePageGetsTheCsrfToken() {
        Session s = login();
        Http.Response r = http.get("/api/page/x", "Cookie", s.cookie());
        assertReachedAsAlice(r, "cookie");
        JsonNode body = json(r);
        assertEquals("BEARER", body.get("authType").textValue(), "decision 665");
        assertTrue(body.get("viaCookie").booleanValue());
        assertEquals(s.csrf(), body.get("csrfToken").textValue());
        assertEquals(s.csrf(), body.get("csrfAttribute").textValue());
        assertEquals(List.of(), r.headers("Set-Cookie"), "nothing to set on a good session");
    }

    @Test
    void theApplicationSeesNoJwtGateCookie() {
        Session s = login();
        Http.Response r = http.get("/api/page/x", "Cookie", "theme=dark; " + s.cookie() + "; lang=en");
        assertReachedAsAlice(r, "cookie");
        JsonNode body = json(r);
        assertEquals("[\"theme\",\"lang\"]", body.get("cookies").toString());
        assertEquals("theme=dark; lang=en", body.get("cookieHeader").textValue());
        assertFalse(r.body().contains(s.access()) || r.body().contains(s.refresh()));
    }

    @Test
    void aHeaderBesideASessionCookieOrARepeatedCookieIs400() {
        Session s = login();
        Http.Response bearer = http.get("/api/page/x", "Cookie", s.cookie(), "Authorization", "Bearer " + s.access());
        assertEquals(400, bearer.status(), bearer.body());
        assertTrue(bearer.body().contains("both an Authorization header and a JwtGate session cookie"), bearer.body());
        assertNotReached(bearer);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + Seed.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, http.get("/api/page/x", "Cookie", s.cookie(), "Authorization", basic).status());
        Http.Response twice = http.get("/api/page/x", "Cookie", s.cookie() + "; " + ACCESS + "=" + s.access());
        assertEquals(400, twice.status(), twice.body());
        assertNotReached(twice);
    }

    @Test
    void aCsrfCookieAloneBesideBearerIsFine() {
        Session s = login();
        Http.Response r = http.get("/api/page/x", "Cookie", CSRF + "=" + s.csrf(), "Authorization",
                "Bearer " + s.access());
        assertReachedAsAlice(r, "bearer with a CSRF cookie");
        assertFalse(json(r).get("viaCookie").booleanValue());
    }

    @Test
    void aSessionWithoutACsrfCookieGetsOneOnASafeRequest() {
        Session s = login();
        Http.Response r = http.get("/api/page/x", "Cookie", ACCESS + "=" + s.access() + "; " + REFRESH + "=" + s.refresh());
        assertReachedAsAlice(r, "no CSRF cookie");
        String set = setCookies(r).get(CSRF);
        assertNotNull(set, r.headers("Set-Cookie").toString());
        assertTrue(set.endsWith("; Path=/; Secure; SameSite=Lax"), set);
        String minted = value(set);
        secrets.add(minted);
        assertTrue(CsrfTokens.wellFormed(minted), set);
        assertEquals(minted, json(r).get("csrfToken").textValue(), "the page renders the token it was given");
    }

    @Test
    void logoutOfACookieCallerEndsTheSessionAndClearsTheCookies() {
        Session s = login();
        Http.Response out = http.post("/api/sec/logout", FORM, "_csrf=" + s.csrf(), "Cookie", s.cookie());
        assertEquals(200, out.status(), out.body());
        assertCleared(out);
        Http.Response after = http.get("/api/page/x", "Cookie", s.cookie(), "Accept", "application/json");
        assertEquals(401, after.status(), "the session was revoked: " + after.body());
    }

    // ------------------------------------------------------------ CSRF

    @Test
    void anUnsafeCookieRequestNeedsTheToken() {
        Session s = login();
        Http.Response none = http.post("/api/page/x", FORM, "text=hi", "Cookie", s.cookie());
        assertEquals(403, none.status(), none.body());
        assertNotReached(none);
        assertReachedAsAlice(http.post("/api/page/x", FORM, "text=hi", "Cookie", s.cookie(),
                "X-CSRF-Token", s.csrf()), "header");
        Http.Response field = http.post("/api/page/x", FORM, "text=caf%C3%A9&_csrf=" + s.csrf(), "Cookie", s.cookie());
        assertReachedAsAlice(field, "form field");
        assertEquals("café", json(field).get("text").textValue(), "the application still reads its fields");
    }

    @Test
    void aTokenInTheQueryOrAForeignOriginIsRefused() {
        Session s = login();
        assertEquals(403, http.post("/api/page/x?_csrf=" + s.csrf(), FORM, "text=hi", "Cookie", s.cookie()).status());
        assertEquals(403, http.post("/api/page/x", FORM, "_csrf=" + s.csrf(), "Cookie", s.cookie(),
                "Origin", "https://evil.example").status());
        assertEquals(403, http.post("/api/page/x", FORM, "_csrf=" + s.csrf(), "Cookie", s.cookie(),
                "Referer", "https://evil.example/form.html").status());
        assertReachedAsAlice(http.post("/api/page/x", FORM, "_csrf=" + s.csrf(), "Cookie", s.cookie(),
                "Origin", PARTNER), "listed origin");
        assertReachedAsAlice(http.post("/api/page/x", FORM, "_csrf=" + s.csrf(), "Cookie", s.cookie(),
                "Origin", http.origin()), "own origin");
    }

    @Test
    void aBearerPostNeedsNoToken() {
        Session s = login();
        assertReachedAsAlice(http.post("/api/page/x", FORM, "text=hi", "Authorization", "Bearer " + s.access()),
                "bearer");
    }

    @Test
    void aForgedPostWithAnExpiredCookieRotatesNothing() {
        Session s = login();
        clock.advance(EXPIRY);
        Http.Response forged = http.post("/api/page/x", FORM, "text=hi", "Cookie", s.cookie());
        assertEquals(403, forged.status(), forged.body());
        assertEquals(List.of(), forged.headers("Set-Cookie"));
        // The refresh cookie is still unspent: the next honest request rotates it.
        Http.Response honest = http.get("/api/page/x", "Cookie", s.cookie());
        assertReachedAsAlice(honest, "honest");
        assertNotNull(setCookies(honest).get(REFRESH));
    }

    // ------------------------------------------------------------ silent refresh

    @Test
    void anExpiredAccessCookieIsRefreshedOnceBeforeTheApplication() {
        Session s = login();
        clock.advance(EXPIRY);
        Http.Response r = http.get("/api/page/x", "Cookie", s.cookie());
        assertReachedAsAlice(r, "refreshed");
        Map<String, String> set = setCookies(r);
        assertTrue(set.get(ACCESS).endsWith("; Path=/; Secure; HttpOnly; SameSite=Lax"), set.get(ACCESS));
        assertTrue(set.get(REFRESH).endsWith("; Path=/; Secure; HttpOnly; SameSite=Lax"), set.get(REFRESH));
        assertNull(set.get(CSRF), "the CSRF token rotates at login and logout only");
        assertEquals("no-store", r.header("Cache-Control"), "the application's caching is ignored");
        Session next = new Session(value(set.get(ACCESS)), value(set.get(REFRESH)), s.csrf());
        secrets.addAll(List.of(next.access(), next.refresh()));
        assertNotEquals(s.access(), next.access());
        assertNotEquals(s.refresh(), next.refresh());
        Http.Response again = http.get("/api/page/x", "Cookie", next.cookie());
        assertReachedAsAlice(again, "the new cookies");
        assertEquals(List.of(), again.headers("Set-Cookie"));
    }

    @Test
    void theOldRefreshCookieWithinTheGraceGetsAnAccessCookieOnlyAndAfterItEndsTheSession() {
        Session s = login();
        clock.advance(EXPIRY);
        Http.Response first = http.get("/api/page/x", "Cookie", s.cookie());
        assertReachedAsAlice(first, "rotation");
        Map<String, String> set = setCookies(first);
        Session next = new Session(value(set.get(ACCESS)), value(set.get(REFRESH)), s.csrf());
        secrets.addAll(List.of(next.access(), next.refresh()));

        Http.Response parallel = http.get("/api/page/x", "Cookie", s.cookie());
        assertReachedAsAlice(parallel, "within the grace");
        assertEquals(List.of(ACCESS), new ArrayList<>(setCookies(parallel).keySet()));
        secrets.add(value(setCookies(parallel).get(ACCESS)));

        clock.advance(Duration.ofSeconds(11));
        Http.Response replay = http.get("/api/page/x", "Cookie", s.cookie(), "Accept", "application/json");
        assertEquals(401, replay.status(), "reuse: anonymous on a protected path");
        assertCleared(replay);
        Http.Response after = http.get("/api/page/x", "Cookie", next.cookie(), "Accept", "application/json");
        assertEquals(401, after.status(), "the session was revoked with the newest cookies: " + after.body());
    }

    @Test
    void theRefreshedCookiesSurviveAnApplicationThatResetsTheResponse() {
        Session s = login();
        clock.advance(EXPIRY);
        Http.Response r = http.get("/api/reset", "Cookie", s.cookie());
        assertEquals(200, r.status(), r.body());
        assertEquals("reset and answered as alice", r.body());
        Map<String, String> set = setCookies(r);
        assertNotNull(set.get(ACCESS));
        assertNotNull(set.get(REFRESH));
        secrets.addAll(List.of(value(set.get(ACCESS)), value(set.get(REFRESH))));
        assertEquals("no-store", r.header("Cache-Control"));
        assertNull(r.header("X-Before-Reset"));
    }

    @Test
    void aStaleCookieOnAPublicPageIsClearedAndThePageRendersAnonymous() {
        Session s = login();
        clock.advance(EXPIRY);
        Http.Response r = http.get("/public/page/x", "Cookie", ACCESS + "=" + s.access() + "; " + CSRF + "=" + s.csrf());
        assertEquals(200, r.status(), r.body());
        assertTrue(json(r).get("principal").isNull());
        assertCleared(r);
    }

    // ------------------------------------------------------------ login redirect

    @Test
    void anAnonymousBrowserIsSentToTheLoginPageWithTheOriginalUrl() {
        Http.Response r = http.get("/api/page/x?a=1&b=%C3%A9", "Accept", HTML);
        assertEquals(303, r.status(), r.body());
        assertEquals("/app/auth/login?redirect=%2Fapp%2Fapi%2Fpage%2Fx%3Fa%3D1%26b%3D%25C3%25A9", r.header("Location"));
        assertNotReached(r);
    }

    @Test
    void apiClientsKeepThe401() {
        assertEquals(401, http.get("/api/page/x", "Accept", "*/*").status());
        assertEquals(401, http.get("/api/page/x", "Accept", "application/json").status());
    }

    // ------------------------------------------------------------ logs

    @Test
    void noTokenOrCsrfValueReachesTheLogs() {
        Session s = login();
        clock.advance(EXPIRY);
        http.get("/api/page/x", "Cookie", s.cookie());
        http.post("/api/page/x", FORM, "text=x", "Cookie", s.cookie());
        List<String> lines = LogCapture.lines();
        for (String line : lines.subList(Math.min(logStart, lines.size()), lines.size())) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a cookie value was logged: " + line);
            }
        }
    }
}
