package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.browser.CsrfTokens;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An outsider's attack on cookie mode (issue 15) over real HTTP: forged and odd CSRF submissions,
 * shadowed and repeated cookies, refresh replays around the grace period (races, revocation, clock
 * steps), open redirects through the login page, cookie callers on prefix and extension mappings,
 * hostile bodies and cookies that must never give a 500, and report-only mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CookieModeAttackContract {

    static final String ACCESS = "__Host-jwtgate.access";
    static final String REFRESH = "__Host-jwtgate.refresh";
    static final String CSRF = "__Host-jwtgate.csrf";
    static final String PARTNER = "https://partner.example";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";
    /** Past the access token's lifetime (PT1M) and the clock skew (PT30S). */
    static final Duration EXPIRY = Duration.ofSeconds(91);

    private final MutableClock clock = new MutableClock(Instant.now());
    private final CsrfTokens csrfTokens = new CsrfTokens();
    private Container.Running server;
    private Http http;
    private Path dir;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-cookie-attack");
        server = container().startDispatching(params(dir, false), dir, Map.of("io.jwtgate.clock", clock),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")),
                probes(), Map.of());
        assertTrue(server.available(), server.startFailure());
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Map<String, String> params(Path work, boolean reportOnly) {
        Map<String, String> params = TestSettings.params(work);
        params.put("jwtgate.cookie.enabled", "true");
        params.put("jwtgate.access-token.ttl", "PT1M");
        params.put("jwtgate.allowed-origins", PARTNER);
        params.put("jwtgate.rules", "/public/** -> permit\n/cpadmin/** -> role:admin\n/** -> authenticated");
        if (reportOnly) {
            params.put("jwtgate.enforcement", "report-only");
        }
        Seed.users(params);
        return params;
    }

    private static List<Deployment.ServletMapping> probes() {
        return List.of(new Deployment.ServletMapping("probe", CookieProbeServlet.class, "/cp/*", -1),
                new Deployment.ServletMapping("probe-admin", CookieProbeServlet.class, "/cpadmin/*", -1),
                new Deployment.ServletMapping("probe-ext", CookieProbeServlet.class, "*.cpx", -1));
    }

    /** A browser session: the tokens a login gave, and a CSRF token as the login page would set. */
    record Session(String access, String refresh, String csrf) {
        String cookie() {
            return ACCESS + "=" + access + "; " + REFRESH + "=" + refresh + "; " + CSRF + "=" + csrf;
        }
    }

    private Session login(String user) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"" + user + "\",\"password\":\""
                + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode tokens = json(r);
        Session s = new Session(tokens.get("access_token").textValue(), tokens.get("refresh_token").textValue(),
                csrfTokens.generate());
        Secrets.remember(s.csrf());
        return s;
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> setCookies(Http.Response r) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String line : r.headers("Set-Cookie")) {
            cookies.put(line.substring(0, line.indexOf('=')), line);
        }
        return cookies;
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private static void assertAs(String user, Http.Response r, String label) {
        assertEquals(200, r.status(), label + ": " + r);
        assertEquals(user, json(r).get("principal").textValue(), label);
    }

    private static void assertNot500(Http.Response r, String label) {
        assertTrue(r.status() < 500, label + " must be answered 4xx or pass, never " + r.status() + ": " + r.body());
    }

    // ------------------------------------------------------------ CSRF

    @Test
    void foreignOriginsAndReferersAreRefusedEvenWithTheRightToken() {
        Session s = login("alice");
        String own = http.origin();
        List<String[]> forged = List.of(
                new String[] {"Origin", "null"},
                new String[] {"Origin", "https://partner.example.evil"},
                new String[] {"Origin", "https://evil.partner.example"},
                new String[] {"Origin", "http://partner.example"},
                new String[] {"Origin", own + ".evil.example"},
                new String[] {"Referer", own + "@evil.example/x"},
                new String[] {"Referer", "https://evil.example/" + own},
                new String[] {"Referer", "https://evil.example/?" + own},
                new String[] {"Referer", "https://partner.example.evil/form"},
                new String[] {"Referer", "https://partner.example\\@evil.example/"},
                new String[] {"Referer", "//evil.example/"},
                new String[] {"Referer", "not a url"},
                new String[] {"Sec-Fetch-Site", "cross-site"},
                new String[] {"Sec-Fetch-Site", "same-site"});
        for (String[] header : forged) {
            Http.Response r = http.post("/cp/x", FORM, "_csrf=" + s.csrf(), "Cookie", s.cookie(), header[0],
                    header[1]);
            assertEquals(403, r.status(), header[0] + ": " + header[1] + " -> " + r.body());
            assertFalse(r.body().contains("\"reached\""), header[1]);
        }
        assertAs("alice", http.post("/cp/x", FORM, "_csrf=" + s.csrf(), "Cookie", s.cookie(), "Origin",
                "https://partner.example:443"), "the listed origin with its default port");
    }

    @Test
    void tokensInTheWrongPlaceOrTwiceAreRefused() {
        Session s = login("alice");
        String t = s.csrf();
        Map<String, Http.Response> tries = new LinkedHashMap<>();
        tries.put("text/plain body", http.post("/cp/x", "text/plain", "_csrf=" + t, "Cookie", s.cookie()));
        tries.put("json body", http.post("/cp/x", JSON, "{\"_csrf\":\"" + t + "\"}", "Cookie", s.cookie()));
        tries.put("field twice", http.post("/cp/x", FORM, "_csrf=" + t + "&_csrf=" + t, "Cookie", s.cookie()));
        tries.put("field in the query of a json body", http.post("/cp/x?_csrf=" + t, JSON, "{}", "Cookie", s.cookie()));
        tries.put("encoded name in the query", http.post("/cp/x?%5Fcsrf=" + t, FORM, "_csrf=" + t, "Cookie",
                s.cookie()));
        tries.put("multipart token in the body only", http.post("/cp/x", "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + t + "\r\n--b--\r\n", "Cookie",
                s.cookie()));
        tries.put("multipart token twice in the query", http.post("/cp/x?_csrf=" + t + "&_csrf=" + t,
                "multipart/form-data; boundary=b", "--b--\r\n", "Cookie", s.cookie()));
        tries.put("token of another cookie", http.post("/cp/x", FORM, "_csrf=" + csrfTokens.generate(), "Cookie",
                s.cookie()));
        tries.put("empty token and empty cookie", http.post("/cp/x", FORM, "_csrf=", "Cookie",
                ACCESS + "=" + s.access() + "; " + CSRF + "="));
        tries.put("method override on a POST", http.post("/cp/x", FORM, "a=b", "Cookie", s.cookie(),
                "X-HTTP-Method-Override", "GET"));
        tries.put("lower-case method is no safe method", http.raw("get", "/app/cp/x",
                List.of("Cookie: " + s.cookie()), null));
        tries.put("a custom method", http.raw("PROPPATCH", "/app/cp/x", List.of("Cookie: " + s.cookie()), ""));
        tries.put("two token headers", http.raw("POST", "/app/cp/x", List.of("Cookie: " + s.cookie(),
                "X-CSRF-Token: " + t, "X-CSRF-Token: " + t, "Content-Type: text/plain"), "x"));
        tries.forEach((label, r) -> {
            assertTrue(r.status() == 403 || r.status() == 400, label + ": " + r.status() + " " + r.body());
            assertFalse(r.body().contains("\"reached\""), label);
        });
    }

    @Test
    void aCrossSiteFormLoginWithoutHtmlOrRedirectSetsNoSessionCookie() {
        // A no-cors fetch() from another site can post a form without Accept: text/html and
        // without a redirect field: it must stay the JSON login, which the other site cannot read
        // and which plants no cookie in the victim's browser (login CSRF).
        Http.Response r = http.post("/auth/login", FORM, "username=bob&password=" + Seed.PASSWORD.replace(" ", "+"),
                "Accept", "*/*", "Origin", "https://evil.example");
        assertNotEquals(303, r.status(), r.body());
        for (String line : r.headers("Set-Cookie")) {
            assertFalse(line.startsWith(ACCESS) || line.startsWith(REFRESH), line);
        }
    }

    @Test
    void aForgedCookieLogoutIsRefusedAndTheSessionLives() {
        Session s = login("alice");
        List<Http.Response> forged = List.of(
                http.post("/auth/logout", FORM, "", "Cookie", s.cookie()),
                http.post("/auth/logout", "text/plain", "_csrf=" + s.csrf(), "Cookie", s.cookie()),
                http.post("/auth/logout?_csrf=" + s.csrf(), FORM, "", "Cookie", s.cookie()),
                http.post("/auth/logout", FORM, "_csrf=" + s.csrf(), "Cookie", s.cookie(), "Origin",
                        "https://evil.example"),
                http.post("/auth/logout", FORM, "_csrf=" + s.csrf(), "Cookie", s.cookie() + "; " + CSRF + "="
                        + s.csrf()));
        for (Http.Response r : forged) {
            assertNot500(r, "forged logout");
            assertTrue(r.status() == 403 || r.status() == 400, r.status() + " " + r.body());
        }
        assertAs("alice", http.get("/cp/x", "Cookie", s.cookie()), "the session survived every forged logout");
    }

    // ------------------------------------------------------------ cookies

    @Test
    void jwtGateCookiesInSeveralCookieHeadersAreStillHiddenAndStillCountAsRepeated() {
        Session s = login("alice");
        Http.Response split = http.raw("GET", "/app/cp/x", List.of("Cookie: theme=dark; " + ACCESS + "=" + s.access(),
                "Cookie: " + REFRESH + "=" + s.refresh() + "; lang=en", "Cookie: " + CSRF + "=" + s.csrf()), null);
        assertAs("alice", split, "cookies over three header lines");
        assertFalse(split.body().contains(s.access()) || split.body().contains(s.refresh())
                || split.body().contains(s.csrf()), split.body());
        assertTrue(split.body().contains("theme=dark") && split.body().contains("lang=en"), split.body());

        Http.Response repeated = http.raw("GET", "/app/cp/x", List.of("Cookie: " + ACCESS + "=" + s.access(),
                "Cookie: " + ACCESS + "=" + login("bob").access()), null);
        assertEquals(400, repeated.status(), repeated.body());
    }

    @Test
    void shadowCookiesWithoutThePrefixOrInAnotherCaseAuthenticateNobody() {
        Session s = login("alice");
        for (String name : List.of("jwtgate.access", "__host-jwtgate.access", "__HOST-jwtgate.access",
                "__Secure-jwtgate.access", "__Host-jwtgate.Access", "__Host-jwtgate.access.")) {
            Http.Response r = http.raw("GET", "/app/cp/x", List.of("Cookie: " + name + "=" + s.access(),
                    "Accept: application/json"), null);
            assertEquals(401, r.status(), name + ": " + r.body());
        }
    }

    @Test
    void hostileCookieValuesAreNeverA500() {
        List<String> values = List.of("%%%", "\"quoted\"", "a,b", "x".repeat(6000), "..", "eyJ.eyJ.",
                "\u00e9t\u00e9", "\\u0000");
        for (String v : values) {
            for (String name : List.of(ACCESS, REFRESH, CSRF)) {
                Http.Response r = http.raw("GET", "/app/cp/x", List.of("Cookie: " + name + "=" + v,
                        "Accept: application/json"), null);
                assertNot500(r, name + "=" + v);
                Http.Response post = http.raw("POST", "/app/cp/x", List.of("Cookie: " + name + "=" + v,
                        "Content-Type: " + FORM), "_csrf=" + v);
                assertNot500(post, "POST " + name + "=" + v);
            }
        }
    }

    @Test
    void aFormBodyTheContainerCannotParseIsA4xxNotA500() {
        Session s = login("alice");
        Map<String, String[]> bodies = new LinkedHashMap<>();
        bodies.put("broken escape", new String[] {FORM, "_csrf=" + s.csrf() + "&text=%zz"});
        bodies.put("truncated escape", new String[] {FORM, "_csrf=" + s.csrf() + "&text=%E"});
        bodies.put("invalid UTF-8", new String[] {FORM, "_csrf=" + s.csrf() + "&text=%C3%28"});
        bodies.put("unknown charset", new String[] {FORM + "; charset=no-such-charset", "_csrf=" + s.csrf()});
        bodies.put("empty charset", new String[] {FORM + "; charset=", "_csrf=" + s.csrf()});
        bodies.forEach((label, b) -> {
            Http.Response r = http.raw("POST", "/app/cp/x", List.of("Cookie: " + s.cookie(), "Content-Type: " + b[0]),
                    b[1]);
            assertNot500(r, label);
            assertFalse(r.body().contains("server_error"), label + ": " + r.body());
        });
    }

    @Test
    void aFormBodyTheContainerCannotParseLeavesNoFieldValueInTheLog() {
        Session s = login("alice");
        String password = "Pw" + csrfTokens.generate().substring(0, 16);
        int start = LogCapture.lines().size();
        Http.Response r = http.raw("POST", "/app/cp/x", List.of("Cookie: " + s.cookie(), "Content-Type: " + FORM),
                "_csrf=" + s.csrf() + "&new_password=" + password + "%zz");
        List<String> lines = LogCapture.lines();
        for (String line : lines.subList(Math.min(start, lines.size()), lines.size())) {
            assertFalse(line.contains(password), "a form field's value was logged: " + line);
        }
        assertNot500(r, "a password field with a broken escape");
    }

    @Test
    void anOversizedFormBodyIsA4xxNotA500() {
        Session s = login("alice");
        String body = "_csrf=" + s.csrf() + "&text=" + "a".repeat(300_000);
        Http.Response r = http.raw("POST", "/app/cp/x", List.of("Cookie: " + s.cookie(), "Content-Type: " + FORM), body);
        assertNot500(r, "a 300 kB form");
        assertFalse(r.body().contains("server_error"), r.body());
    }

    // ------------------------------------------------------------ refresh

    @Test
    void parallelRefreshesWithOneCookieKeepTheSessionAlive() throws Exception {
        Session s = login("alice");
        clock.advance(EXPIRY);
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Callable<Http.Response> call = () -> {
                    go.await();
                    return http.get("/cp/x", "Cookie", s.cookie());
                };
                answers.add(pool.submit(call));
            }
            go.countDown();
            String newest = null;
            int rotations = 0;
            for (Future<Http.Response> f : answers) {
                Http.Response r = f.get();
                assertAs("alice", r, "a parallel refresh");
                String refresh = setCookies(r).get(REFRESH);
                if (refresh != null) {
                    rotations++;
                    newest = value(refresh);
                }
            }
            assertEquals(1, rotations, "one request rotates, the others get an access cookie only");
            clock.advance(EXPIRY);
            Http.Response later = http.get("/cp/x", "Cookie", REFRESH + "=" + newest + "; " + CSRF + "=" + s.csrf());
            assertAs("alice", later, "the rotated refresh cookie still works: no reuse was detected");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOldRefreshCookieOfALoggedOutSessionGetsNothingWithinTheGrace() {
        Session s = login("alice");
        clock.advance(EXPIRY);
        Http.Response rotated = http.get("/cp/x", "Cookie", s.cookie());
        assertAs("alice", rotated, "rotation");
        Session next = new Session(value(setCookies(rotated).get(ACCESS)), value(setCookies(rotated).get(REFRESH)),
                s.csrf());
        Http.Response out = http.post("/auth/logout", FORM, "_csrf=" + s.csrf(), "Cookie", next.cookie());
        assertEquals(303, out.status(), out.body());
        Http.Response replay = http.get("/cp/x", "Cookie", REFRESH + "=" + s.refresh() + "; " + CSRF + "=" + s.csrf(),
                "Accept", JSON);
        assertEquals(401, replay.status(), "a revoked session has no grace: " + replay.body());
        Http.Response old = http.get("/cp/x", "Cookie", next.cookie(), "Accept", JSON);
        assertEquals(401, old.status(), "the logged-out access cookie: " + old.body());
    }

    @Test
    void aReplayOfASpentRefreshCookieAfterTheClockStepsBackIsNoGrace() {
        Session s = login("alice");
        clock.advance(EXPIRY);
        Http.Response rotated = http.get("/cp/x", "Cookie", s.cookie());
        assertAs("alice", rotated, "rotation");
        assertNotNull(setCookies(rotated).get(REFRESH));
        // An NTP correction moves the clock back half an hour: the spend now lies 30 minutes in
        // the future, far outside a 10-second grace, and a stolen old cookie replayed now must
        // not get access tokens.
        clock.advance(Duration.ofMinutes(-30));
        try {
            Http.Response replay = http.get("/cp/x", "Cookie", REFRESH + "=" + s.refresh() + "; " + CSRF + "="
                    + s.csrf(), "Accept", JSON);
            assertEquals(401, replay.status(), "the spent cookie got a new access token: " + replay.body());
            assertFalse(setCookies(replay).containsKey(ACCESS) && !value(setCookies(replay).get(ACCESS)).isEmpty(),
                    replay.headers("Set-Cookie").toString());
        } finally {
            clock.advance(Duration.ofMinutes(30));
        }
    }

    @Test
    void aRefreshTokenRotatedByTheStrictEndpointHasNoGraceAsACookie() {
        // Decision 656: the grace is for browsers' parallel tabs, and /auth/refresh stays strict.
        // A token an API client rotated at /auth/refresh never was a browser's cookie: a thief
        // replaying it as a cookie within ten seconds must trip reuse detection, not dodge it.
        Session s = login("alice");
        Http.Response rotated = http.postJson("/auth/refresh", "{\"refresh_token\":\"" + s.refresh() + "\"}");
        assertEquals(200, rotated.status(), rotated.body());
        String next = json(rotated).get("refresh_token").textValue();
        Http.Response replay = http.get("/cp/x", "Cookie", REFRESH + "=" + s.refresh() + "; " + CSRF + "=" + s.csrf(),
                "Accept", JSON);
        assertEquals(401, replay.status(), "the replayed API refresh token got an access cookie: " + replay.body());
        Http.Response owner = http.postJson("/auth/refresh", "{\"refresh_token\":\"" + next + "\"}");
        assertNotEquals(200, owner.status(), "the replay must end the session: " + owner.body());
    }

    @Test
    void anIdleExpiredRefreshCookieSentTwiceGetsNoAccessToken() throws Exception {
        // The refresh token outlives its own TTL (idle timeout) while the session's maximum
        // lifetime still runs: the first try marks it spent and fails as expired; a second try
        // within the grace must not be taken for a parallel tab of a rotation that never happened.
        Path idleDir = Files.createTempDirectory("jwtgate-cookie-attack-idle");
        MutableClock idleClock = new MutableClock(Instant.now());
        Map<String, String> p = params(idleDir, false);
        p.put("jwtgate.refresh-token.ttl", "PT5M");
        try (Container.Running idle = container().startDispatching(p, idleDir, Map.of("io.jwtgate.clock", idleClock),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")), probes(),
                Map.of())) {
            assertTrue(idle.available(), idle.startFailure());
            Http h = idle.http();
            Http.Response tokens = h.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\""
                    + Seed.PASSWORD + "\"}");
            assertEquals(200, tokens.status(), tokens.body());
            String refresh = json(tokens).get("refresh_token").textValue();
            String csrf = csrfTokens.generate();
            idleClock.advance(Duration.ofMinutes(6));
            String cookie = REFRESH + "=" + refresh + "; " + CSRF + "=" + csrf;
            Http.Response first = h.get("/cp/x", "Cookie", cookie, "Accept", JSON);
            assertEquals(401, first.status(), "the refresh token is past its TTL: " + first.body());
            Http.Response second = h.get("/cp/x", "Cookie", cookie, "Accept", JSON);
            assertEquals(401, second.status(), "an expired refresh token got an access token: " + second.body());
        }
    }

    // ------------------------------------------------------------ redirects

    @Test
    void theLoginPageNeverOffersATargetOutsideTheApplication() {
        List<String> hostile = List.of("/app/..;/other", "/app/..;jsessionid=x/other", "/app/%2e%2e;/other",
                "/app/.%2e/other", "/app/;/..;/other", "//evil.example/app/", "/app/%0d%0aSet-Cookie:x=y",
                "javascript:alert(1)", "/app\\..\\other", "https://evil.example/app/", "/app/%252e%252e/other",
                "/app/\"><script>alert(1)</script>");
        for (String target : hostile) {
            String encoded = java.net.URLEncoder.encode(target, StandardCharsets.UTF_8);
            Http.Response page = http.get("/auth/login?redirect=" + encoded, "Accept", "text/html");
            assertEquals(200, page.status(), target);
            assertTrue(page.body().contains("name=\"redirect\" value=\"/app/\""),
                    target + " must become the application root: " + hiddenRedirect(page.body()));
            assertFalse(page.body().contains("<script>"), target);
        }
    }

    private static String hiddenRedirect(String body) {
        int at = body.indexOf("name=\"redirect\"");
        return at < 0 ? "(none)" : body.substring(at, Math.min(body.length(), at + 80));
    }

    @Test
    void theLoginRedirectOfAHostileRequestUriInjectsNoHeader() {
        Http.Response r = http.raw("GET", "/app/cp/%0d%0aSet-Cookie:%20x=y/..%2f..%2f%2f%2fevil.example",
                List.of("Accept: text/html"), null);
        assertNot500(r, "hostile URI");
        assertTrue(r.headers("Set-Cookie").stream().noneMatch(l -> l.startsWith("x=")), r.headers().toString());
        if (r.status() == 303) {
            String location = r.header("Location");
            assertTrue(location.startsWith("/app/auth/login?redirect="), location);
            assertFalse(location.contains("\r") || location.contains("\n") || location.contains("//"), location);
        }
        Http.Response absolute = http.raw("GET", "http://evil.example/app/cp/x", List.of("Accept: text/html"), null);
        assertNot500(absolute, "absolute-form target");
        if (absolute.status() == 303) {
            assertTrue(absolute.header("Location").startsWith("/app/auth/login?redirect="),
                    absolute.header("Location"));
        }
    }

    // ------------------------------------------------------------ authorization

    @Test
    void aCookieCallerGetsExactlyTheRulesABearerCallerGets() {
        Session alice = login("alice");
        Session admin = login("admin");
        List<String> paths = List.of("/cp/x", "/cpadmin", "/cpadmin/", "/cpadmin/x", "/cpadmin/x.cpx", "/x.cpx",
                "/CPADMIN/x", "/cpadmin;p=1/x", "/cp/..;/cpadmin/x", "/cp/%2e%2e/cpadmin/x", "/cpadmin%2fx",
                "/public/../cpadmin/x", "/cpadmin/./x", "/admin/x", "/api/x", "/x.do", "/");
        for (Session who : List.of(alice, admin)) {
            for (String path : paths) {
                Http.Response bearer = http.raw("GET", "/app" + path, List.of("Authorization: Bearer " + who.access(),
                        "Accept: application/json"), null);
                Http.Response cookie = http.raw("GET", "/app" + path, List.of("Cookie: " + who.cookie(),
                        "Accept: application/json"), null);
                assertEquals(bearer.status(), cookie.status(), path + " bearer " + bearer.body() + " cookie "
                        + cookie.body());
                assertNot500(cookie, path);
            }
        }
        assertEquals(403, http.get("/cpadmin/x", "Cookie", alice.cookie()).status(), "alice is no admin");
        assertAs("admin", http.get("/cpadmin/x", "Cookie", admin.cookie()), "admin");
    }

    // ------------------------------------------------------------ report-only

    @Test
    void inReportOnlyModeARefusedCookieRequestStillHidesTheCookiesFromTheApplication() {
        Path reportDir;
        try {
            reportDir = Files.createTempDirectory("jwtgate-cookie-attack-report");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        try (Container.Running report = container().startDispatching(params(reportDir, true), reportDir,
                Map.of("io.jwtgate.clock", clock),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")), probes(),
                Map.of())) {
            assertTrue(report.available(), report.startFailure());
            Http h = report.http();
            Http.Response tokens = h.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\""
                    + Seed.PASSWORD + "\"}");
            assertEquals(200, tokens.status(), tokens.body());
            JsonNode t = json(tokens);
            Session s = new Session(t.get("access_token").textValue(), t.get("refresh_token").textValue(),
                    csrfTokens.generate());
            Http.Response forged = h.post("/cp/x", FORM, "a=b", "Cookie", "theme=dark; " + s.cookie());
            assertEquals(200, forged.status(), "report-only passes the forged request: " + forged.body());
            assertFalse(forged.body().contains(s.access()) || forged.body().contains(s.refresh()),
                    "the application saw the session's tokens (decision 667): " + forged.body());
            Http.Response repeated = h.get("/cp/x", "Cookie", s.cookie() + "; " + ACCESS + "=" + s.access());
            assertFalse(repeated.body().contains(s.refresh()),
                    "the application saw the session's tokens (decision 667): " + repeated.body());
        }
    }
}
