package io.jwtgate.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.browser.LoginPage;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The browser side of LoginServlet in cookie mode over real HTTP (decisions 662 to 664): the login
 * page with its headers and CSRF cookie, the form login with its CSRF and origin check, its cookies
 * and its 303 to a safe target, failures rendered as the page, the cookie logout, and the
 * application's own login page reached by a forward. Run once per container.
 *
 * <p>The client sends the cookies itself, as a browser would after the {@code Set-Cookie} lines it
 * got; the containers see http on 127.0.0.1, and the cookies keep their production form
 * ({@code __Host-}, {@code Secure}) since nothing relaxes them here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserLoginContract {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String ACCESS = "__Host-jwtgate.access";
    private static final String REFRESH = "__Host-jwtgate.refresh";
    private static final String CSRF = "__Host-jwtgate.csrf";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Path dir;
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-browser-login");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.cookie.enabled", "true");
        params.put("jwtgate.login.max-failures", "3");
        Seed.users(params);
        server = container().start(params, dir);
        assertTrue(server.available(), server.startFailure());
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // --- the page -----------------------------------------------------------------------------

    @Test
    void theLoginPageComesWithItsPolicyNoCachingNoFramingAndANewCsrfCookie() {
        Http.Response r = http.get("/auth/login?redirect=%2Fapp%2Fmessages", "Accept", HTML);

        assertEquals(200, r.status(), r.body());
        assertEquals("text/html;charset=utf-8", r.header("Content-Type").replace(" ", "").toLowerCase());
        assertEquals("no-store", r.header("Cache-Control"));
        assertEquals(LoginPage.CONTENT_SECURITY_POLICY, r.header("Content-Security-Policy"));
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertEquals("same-origin", r.header("Referrer-Policy"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals(1, r.headers("Set-Cookie").size(), r.headers("Set-Cookie").toString());
        String token = cookie(r, CSRF);
        assertTrue(TOKEN.matcher(token).matches(), token);
        assertEquals(CSRF + "=" + token + "; Path=/; Secure; SameSite=Lax", r.header("Set-Cookie"),
                "not HttpOnly: pages' scripts echo it");
        assertTrue(r.body().contains("<input type=\"hidden\" name=\"_csrf\" value=\"" + token + "\">"), r.body());
        assertTrue(r.body().contains("<input type=\"hidden\" name=\"redirect\" value=\"/app/messages\">"), r.body());
        assertTrue(r.body().contains("<form method=\"post\" action=\"/app/auth/login\">"), r.body());
        assertTrue(r.body().contains("<label for=\"username\">") && r.body().contains("autocomplete=\"current-password\""),
                r.body());
    }

    @Test
    void aPageRequestWithAWellFormedCsrfCookieKeepsItAndAMalformedOneIsReplaced() {
        String token = csrfToken();
        Http.Response kept = http.get("/auth/login", "Accept", HTML, "Cookie", CSRF + "=" + token);
        assertEquals(List.of(), kept.headers("Set-Cookie"));
        assertTrue(kept.body().contains("name=\"_csrf\" value=\"" + token + "\""), kept.body());

        Http.Response replaced = http.get("/auth/login", "Accept", HTML, "Cookie", CSRF + "=short");
        String fresh = cookie(replaced, CSRF);
        assertTrue(TOKEN.matcher(fresh).matches(), fresh);
        assertTrue(replaced.body().contains("name=\"_csrf\" value=\"" + fresh + "\""), replaced.body());
    }

    @Test
    void headAnswersTheHeadOfThePageWithoutABody() {
        Http.Response head = http.raw("HEAD", "/app/auth/login", List.of("Accept: " + HTML), null);
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertEquals(LoginPage.CONTENT_SECURITY_POLICY, head.header("Content-Security-Policy"));
    }

    @Test
    void aRedirectToAnotherOriginOrOutsideTheApplicationIsReplacedByTheApplicationRoot() {
        for (String evil : List.of("//evil.example", "///evil", "/\\evil", "https://evil.example/",
                "javascript:alert(1)", "/%2F%2Fevil", "%2F%2Fevil", "/app/../other", "/other-app/x",
                "/app%0d%0aSet-Cookie:x", "\"><script>alert(1)</script>")) {
            Http.Response r = http.get("/auth/login?redirect=" + enc(evil), "Accept", HTML);
            assertEquals(200, r.status(), evil);
            assertTrue(r.body().contains("<input type=\"hidden\" name=\"redirect\" value=\"/app/\">"), evil);
            assertFalse(r.body().contains("<script>alert"), evil);
        }
    }

    @Test
    void theSignedOutNoticeIsAFixedFlagThatEchoesNothing() {
        Http.Response r = http.get("/auth/login?logged_out=%3Cb%3Ezqxv", "Accept", HTML);
        assertTrue(r.body().contains("role=\"status\">You have signed out.</p>"), r.body());
        assertFalse(r.body().contains("zqxv"), r.body());
        assertFalse(http.get("/auth/login", "Accept", HTML).body().contains("role=\"status\""));
    }

    // --- failed logins ------------------------------------------------------------------------

    @Test
    void aWrongPasswordAndAnUnknownUserGetByteIdentical401Pages() {
        String token = csrfToken();
        Http.Response wrong = browserLogin("alice", "not her password", token, "/app/messages");
        Http.Response unknown = browserLogin("nobody-at-all", "not her password", token, "/app/messages");

        for (Http.Response r : List.of(wrong, unknown)) {
            assertEquals(401, r.status(), r.body());
            assertEquals("Bearer realm=\"jwtgate\"", r.header("WWW-Authenticate"));
            assertEquals("no-store", r.header("Cache-Control"));
            assertEquals(LoginPage.CONTENT_SECURITY_POLICY, r.header("Content-Security-Policy"));
            assertEquals(List.of(), r.headers("Set-Cookie"), "no session, and the CSRF cookie stays");
            assertTrue(r.body().contains("role=\"alert\">The username or password is incorrect.</p>"), r.body());
        }
        assertEquals(wrong.body(), unknown.body());
        assertFalse(unknown.body().contains("nobody-at-all"));
    }

    @Test
    void aLockedOutAccountGetsThePageWith429AndRetryAfter() {
        String token = csrfToken();
        Http.Response r = null;
        for (int i = 0; i < 5 && (r == null || r.status() != 429); i++) {
            r = browserLogin("bob", "wrong " + i, token, "/app/");
        }
        assertEquals(429, r.status(), r.body());
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 300, r.header("Retry-After"));
        assertTrue(r.body().contains("role=\"alert\">Too many failed attempts. Try again in "), r.body());
        assertEquals(List.of(), r.headers("Set-Cookie"));
        // The right password changes nothing while the lockout lasts.
        assertEquals(429, browserLogin("bob", Seed.PASSWORD, token, "/app/").status());
    }

    @Test
    void aLoginWithoutAMatchingCsrfTokenOrFromAnotherOriginIs403AndStartsNoSession() {
        String token = csrfToken();
        String other = csrfToken();
        String fields = "username=alice&password=" + enc(Seed.PASSWORD);
        Map<String, Http.Response> refused = new LinkedHashMap<>();
        refused.put("no _csrf", http.post("/auth/login", FORM, fields, "Accept", HTML, "Cookie", CSRF + "=" + token));
        refused.put("no cookie", http.post("/auth/login", FORM, fields + "&_csrf=" + token, "Accept", HTML));
        refused.put("another token", http.post("/auth/login", FORM, fields + "&_csrf=" + other, "Accept", HTML,
                "Cookie", CSRF + "=" + token));
        refused.put("foreign origin", http.post("/auth/login", FORM, fields + "&_csrf=" + token, "Accept", HTML,
                "Cookie", CSRF + "=" + token, "Origin", "http://evil.example"));
        refused.put("foreign referer", http.post("/auth/login", FORM, fields + "&_csrf=" + token, "Accept", HTML,
                "Cookie", CSRF + "=" + token, "Referer", "http://evil.example/login.html"));
        refused.put("null origin", http.post("/auth/login", FORM, fields + "&_csrf=" + token, "Accept", HTML,
                "Cookie", CSRF + "=" + token, "Origin", "null"));
        refused.forEach((what, r) -> {
            assertEquals(403, r.status(), what + ": " + r.body());
            assertTrue(r.body().contains("role=\"alert\">This sign-in form has expired. Please try again.</p>"), what);
            for (String line : r.headers("Set-Cookie")) {
                assertTrue(line.startsWith(CSRF + "="), what + " set " + line);
            }
        });
    }

    @Test
    void anEmptyFieldRendersThePageWith400() {
        String token = csrfToken();
        Http.Response r = browserLogin("", "x", token, "/app/");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("role=\"alert\">Enter your username and password.</p>"), r.body());
        assertEquals(List.of(), r.headers("Set-Cookie"));
    }

    @Test
    void aSpentRequestBudgetShowsThePageWith429ToBrowsersAndJsonToApiClients() throws Exception {
        Path appDir = Files.createTempDirectory("jwtgate-browser-budget");
        Map<String, String> params = TestSettings.params(appDir);
        params.put("jwtgate.cookie.enabled", "true");
        params.put("jwtgate.rate-limit.burst", "1");
        params.put("jwtgate.rate-limit.per-minute", "1");
        Seed.users(params);
        try (Container.Running app = container().start(params, appDir)) {
            assertTrue(app.available(), app.startFailure());
            Http.Response page = app.http().get("/auth/login", "Accept", HTML);
            String csrf = cookie(page, CSRF);
            String form = "username=alice&password=" + enc(Seed.PASSWORD) + "&_csrf=" + csrf;
            assertEquals(303, app.http().post("/auth/login", FORM, form, "Accept", HTML, "Cookie", CSRF + "=" + csrf)
                    .status(), "the one request of the budget");

            Http.Response browser = app.http().post("/auth/login", FORM, form, "Accept", HTML,
                    "Cookie", CSRF + "=" + csrf);
            assertEquals(429, browser.status(), browser.body());
            assertTrue(Long.parseLong(browser.header("Retry-After")) > 0, browser.header("Retry-After"));
            assertTrue(browser.header("Content-Type").startsWith("text/html"), browser.header("Content-Type"));
            assertTrue(browser.body().contains("role=\"alert\">Too many failed attempts. Try again in "),
                    browser.body());
            assertEquals(List.of(), browser.headers("Set-Cookie"));

            Http.Response api = app.http().postJson("/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
            assertEquals(429, api.status());
            assertTrue(api.body().startsWith("{\"error\":\"too_many_attempts\""), api.body());

            assertEquals(200, app.http().get("/auth/login", "Accept", HTML).status(),
                    "the page itself spends no budget");
        }
    }

    // --- successful logins --------------------------------------------------------------------

    @Test
    void aBrowserLoginSetsTheThreeCookiesAndRedirects303ToTheTarget() {
        String token = csrfToken();
        Http.Response r = browserLogin("alice", Seed.PASSWORD, token, "/app/messages?page=2");

        assertEquals(303, r.status(), r.body());
        assertEquals("/app/messages?page=2", r.header("Location"));
        assertEquals("no-store", r.header("Cache-Control"));
        assertEquals("", r.body());
        List<String> lines = r.headers("Set-Cookie");
        assertEquals(3, lines.size(), lines.toString());
        String access = cookie(r, ACCESS);
        String refresh = cookie(r, REFRESH);
        String csrf = cookie(r, CSRF);
        assertTrue(lines.contains(ACCESS + "=" + access + "; Path=/; Secure; HttpOnly; SameSite=Lax"), lines.toString());
        assertTrue(lines.contains(REFRESH + "=" + refresh + "; Path=/; Secure; HttpOnly; SameSite=Lax"), lines.toString());
        assertTrue(lines.contains(CSRF + "=" + csrf + "; Path=/; Secure; SameSite=Lax"), lines.toString());
        assertNotEquals(token, csrf, "the CSRF token rotates at login");
        assertTrue(TOKEN.matcher(csrf).matches());
        // The cookie carries a real access token of alice.
        Http.Response me = http.bearerGet("/auth/me", access);
        assertEquals(200, me.status(), me.body());
        assertTrue(me.body().contains("\"username\":\"alice\""), me.body());
    }

    @Test
    void everyOpenRedirectAttemptEndsAtTheApplicationRoot() {
        for (String evil : List.of("//evil.example", "/\\evil", "https://evil.example", "/%2F%2Fevil",
                "/%252F%252Fevil", "/app/../other", "/other-app/x", "/app\r\nSet-Cookie: x=1")) {
            Http.Response r = browserLogin("alice", Seed.PASSWORD, csrfToken(), evil);
            assertEquals(303, r.status(), evil + ": " + r.body());
            assertEquals("/app/", r.header("Location"), evil);
        }
    }

    @Test
    void aFormWithARedirectFieldIsABrowserLoginWhateverItAccepts() {
        String token = csrfToken();
        Http.Response r = http.post("/auth/login", FORM, "username=alice&password=" + enc(Seed.PASSWORD) + "&_csrf="
                + token + "&redirect=%2Fapp%2F", "Accept", "*/*", "Cookie", CSRF + "=" + token);
        assertEquals(303, r.status(), r.body());
        assertEquals("/app/", r.header("Location"));
    }

    @Test
    void jsonLoginsAndFormLoginsOfApiClientsAreUnchangedInCookieMode() {
        Http.Response json = http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}", "Accept", HTML);
        assertEquals(200, json.status(), json.body());
        assertTrue(json.body().contains("\"access_token\""), json.body());
        assertEquals(List.of(), json.headers("Set-Cookie"));

        Http.Response form = http.post("/auth/login", FORM, "username=alice&password=" + enc(Seed.PASSWORD),
                "Accept", "application/json");
        assertEquals(200, form.status(), form.body());
        assertTrue(form.body().contains("\"refresh_token\""), form.body());
        assertEquals(List.of(), form.headers("Set-Cookie"));

        Http.Response failed = http.post("/auth/login", FORM, "username=alice&password=wrong", "Accept", "*/*");
        assertEquals(401, failed.status());
        assertTrue(failed.header("Content-Type").startsWith("application/json"), failed.header("Content-Type"));
    }

    // --- logout -------------------------------------------------------------------------------

    @Test
    void aCookieLogoutRevokesTheSessionClearsTheCookiesAndGoesToTheLoginPage() {
        Http.Response login = browserLogin("alice", Seed.PASSWORD, csrfToken(), "/app/");
        String access = cookie(login, ACCESS);
        String refresh = cookie(login, REFRESH);
        String csrf = cookie(login, CSRF);

        Http.Response r = http.post("/auth/logout", FORM, "_csrf=" + csrf, "Accept", HTML, "Origin", http.origin(),
                "Cookie", cookies(login));

        assertEquals(303, r.status(), r.body());
        assertEquals("/app/auth/login?logged_out", r.header("Location"));
        assertEquals("no-store", r.header("Cache-Control"));
        assertEquals(List.of(ACCESS + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax",
                REFRESH + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax",
                CSRF + "=; Path=/; Max-Age=0; Secure; SameSite=Lax"), r.headers("Set-Cookie"));
        assertEquals(401, http.bearerGet("/auth/me", access).status(), "the access token is revoked");
        assertEquals(401, http.postJson("/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}").status(),
                "the refresh token is revoked");
    }

    @Test
    void aCookieLogoutTakesTheTokenFromTheHeaderToo() {
        Http.Response login = browserLogin("alice", Seed.PASSWORD, csrfToken(), "/app/");
        Http.Response r = http.post("/auth/logout", "application/json", "{}", "X-CSRF-Token", cookie(login, CSRF),
                "Cookie", cookies(login));
        assertEquals(303, r.status(), r.body());
        assertEquals(401, http.bearerGet("/auth/me", cookie(login, ACCESS)).status());
    }

    @Test
    void aCookieLogoutWithoutTheTokenOrFromAnotherOriginIs403AndTheSessionLives() {
        Http.Response login = browserLogin("alice", Seed.PASSWORD, csrfToken(), "/app/");
        String access = cookie(login, ACCESS);
        String csrf = cookie(login, CSRF);
        Map<String, Http.Response> refused = new LinkedHashMap<>();
        refused.put("no _csrf", http.post("/auth/logout", FORM, "", "Cookie", cookies(login)));
        refused.put("wrong _csrf", http.post("/auth/logout", FORM, "_csrf=" + csrfToken(), "Cookie", cookies(login)));
        refused.put("_csrf in the query only", http.post("/auth/logout?_csrf=" + csrf, FORM, "",
                "Cookie", cookies(login)));
        refused.put("foreign origin", http.post("/auth/logout", FORM, "_csrf=" + csrf, "Origin", "http://evil.example",
                "Cookie", cookies(login)));
        refused.forEach((what, r) -> {
            assertEquals(403, r.status(), what + ": " + r.body());
            assertTrue(r.body().startsWith("{\"error\":\"forbidden\""), what + ": " + r.body());
            assertEquals(List.of(), r.headers("Set-Cookie"), what);
        });
        assertEquals(200, http.bearerGet("/auth/me", access).status(), "the session lives");
    }

    @Test
    void aCookieLogoutWithOnlyTheRefreshCookieEndsTheSessionToo() {
        // The access cookie is gone once the browser dropped it or it expired; the refresh cookie names the session.
        Http.Response login = browserLogin("alice", Seed.PASSWORD, csrfToken(), "/app/");
        String csrf = cookie(login, CSRF);
        Http.Response r = http.post("/auth/logout", FORM, "_csrf=" + csrf, "Cookie",
                REFRESH + "=" + cookie(login, REFRESH) + "; " + CSRF + "=" + csrf);
        assertEquals(303, r.status(), r.body());
        assertEquals(401, http.postJson("/auth/refresh", "{\"refresh_token\":\"" + cookie(login, REFRESH) + "\"}")
                .status());
        assertEquals(401, http.bearerGet("/auth/me", cookie(login, ACCESS)).status(), "the session's access token too");
    }

    @Test
    void aLogoutWithABearerHeaderStaysTheApiLogout() {
        Http.Response login = browserLogin("alice", Seed.PASSWORD, csrfToken(), "/app/");
        String access = cookie(login, ACCESS);
        Http.Response r = http.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + access);
        assertEquals(204, r.status(), r.body());
        assertEquals(List.of(), r.headers("Set-Cookie"));
    }

    @Test
    void theOtherEndpointsIgnoreTheSessionCookies() {
        // Decision 668: they stay header-authenticated, so no CSRF check is needed there.
        Http.Response login = browserLogin("alice", Seed.PASSWORD, csrfToken(), "/app/");
        String csrf = cookie(login, CSRF);
        assertEquals(401, http.get("/auth/me", "Cookie", cookies(login)).status());
        assertEquals(401, http.postJson("/auth/token", "{}", "Cookie", cookies(login), "X-CSRF-Token", csrf,
                "Origin", http.origin()).status());
        assertEquals(200, http.bearerGet("/auth/me", cookie(login, ACCESS)).status(), "the session itself is fine");
    }

    // --- the application's own page -----------------------------------------------------------

    /** The application's login page of the override tests: shows the attributes it was forwarded with. */
    public static final class AttributesPage extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=utf-8");
            StringBuilder out = new StringBuilder();
            for (String name : List.of("jwtgate.login.action", "jwtgate.login.redirect", "jwtgate.csrf_token",
                    "jwtgate.login.error", "jwtgate.login.retry_after", "jwtgate.login.notice")) {
                out.append(name).append('=').append(request.getAttribute(name)).append('\n');
            }
            response.getWriter().write(out.toString());
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            doGet(request, response);
        }
    }

    private Container.Running startWithLoginPage(String loginPage, String rules) throws Exception {
        Path appDir = Files.createTempDirectory("jwtgate-login-page");
        Map<String, String> params = TestSettings.params(appDir);
        params.put("jwtgate.cookie.enabled", "true");
        params.put("jwtgate.cookie.login-page", loginPage);
        params.put("jwtgate.rules", rules);
        Seed.users(params);
        return container().startDispatching(params, appDir, Map.of(),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")),
                List.of(new Deployment.ServletMapping("sign-in", AttributesPage.class, "/public/sign-in", -1),
                        new Deployment.ServletMapping("private-sign-in", AttributesPage.class, "/private/sign-in", -1)),
                Map.of());
    }

    @Test
    void theApplicationsLoginPageIsReachedByAForwardWithTheAttributes() throws Exception {
        try (Container.Running app = startWithLoginPage("/public/sign-in",
                "GET /public/** -> permit\n/** -> authenticated")) {
            assertTrue(app.available(), app.startFailure());
            Http.Response page = app.http().get("/auth/login?redirect=%2Fapp%2Fx&logged_out", "Accept", HTML);
            assertEquals(200, page.status(), page.body());
            assertEquals("no-store", page.header("Cache-Control"));
            String csrf = cookie(page, CSRF);
            assertEquals(String.join("\n", "jwtgate.login.action=/app/auth/login", "jwtgate.login.redirect=/app/x",
                    "jwtgate.csrf_token=" + csrf, "jwtgate.login.error=null", "jwtgate.login.retry_after=null",
                    "jwtgate.login.notice=logged_out") + "\n", page.body());

            Http.Response failed = app.http().post("/auth/login", FORM, "username=alice&password=wrong&_csrf=" + csrf
                    + "&redirect=%2F%2Fevil", "Accept", HTML, "Cookie", CSRF + "=" + csrf);
            assertEquals(401, failed.status(), failed.body());
            assertTrue(failed.body().contains("jwtgate.login.error=credentials\n"), failed.body());
            assertTrue(failed.body().contains("jwtgate.login.redirect=/app/\n"), failed.body());
            assertTrue(failed.body().contains("jwtgate.login.notice=null\n"), failed.body());
        }
    }

    @Test
    void aLoginPageTheRulesDoNotPermitFailsTheStart() throws Exception {
        int before = LogCapture.lines().size();
        try (Container.Running app = startWithLoginPage("/private/sign-in",
                "GET /public/** -> permit\n/** -> authenticated")) {
            if (app.available()) {
                assertNotEquals(200, app.http().get("/auth/login", "Accept", HTML).status());
            }
        }
        List<String> log = LogCapture.lines();
        List<String> refusals = log.subList(Math.min(before, log.size()), log.size()).stream()
                .filter(l -> l.contains("JwtGate refuses to start") && l.contains("jwtgate.cookie.login-page"))
                .toList();
        assertFalse(refusals.isEmpty(), "no refusal logged");
        assertTrue(refusals.get(0).contains("/private/sign-in is not public")
                && refusals.get(0).contains("\"GET /private/sign-in -> permit\""), refusals.get(0));
    }

    @Test
    void aLoginPageUnderTheLoginServletsMappingFailsTheStart() throws Exception {
        int before = LogCapture.lines().size();
        try (Container.Running app = startWithLoginPage("/auth/sign-in", "/auth/** -> permit\n/** -> authenticated")) {
            if (app.available()) {
                assertNotEquals(200, app.http().get("/auth/login", "Accept", HTML).status());
            }
        }
        List<String> log = LogCapture.lines();
        List<String> refusals = log.subList(Math.min(before, log.size()), log.size()).stream()
                .filter(l -> l.contains("JwtGate refuses to start") && l.contains("jwtgate.cookie.login-page"))
                .toList();
        assertFalse(refusals.isEmpty(), "no refusal logged");
        assertTrue(refusals.get(0).contains("/auth/sign-in lies under LoginServlet's mapping /auth/**"), refusals.get(0));
    }

    // --- helpers ------------------------------------------------------------------------------

    /** A fresh CSRF token, as the login page sets it. */
    private String csrfToken() {
        Http.Response r = http.get("/auth/login", "Accept", HTML);
        assertEquals(200, r.status(), r.body());
        return cookie(r, CSRF);
    }

    private Http.Response browserLogin(String username, String password, String csrf, String redirect) {
        return http.post("/auth/login", FORM, "username=" + enc(username) + "&password=" + enc(password) + "&_csrf="
                + enc(csrf) + "&redirect=" + enc(redirect), "Accept", HTML, "Origin", http.origin(),
                "Cookie", CSRF + "=" + csrf);
    }

    /** The value a response sets for cookie {@code name}. */
    private static String cookie(Http.Response r, String name) {
        for (String line : r.headers("Set-Cookie")) {
            Matcher m = Pattern.compile("^" + Pattern.quote(name) + "=([^;]*)").matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no cookie " + name + " in " + r.headers("Set-Cookie"));
    }

    /** The {@code Cookie} header a browser sends back after {@code r}. */
    private static String cookies(Http.Response r) {
        List<String> pairs = new ArrayList<>();
        for (String line : r.headers("Set-Cookie")) {
            pairs.add(line.split(";", 2)[0]);
        }
        return String.join("; ", pairs);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
