package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample's pages in a real browser (issue 15): headless Chromium signs in on JwtGate's login page, uses the
 * server-rendered {@code /app/messages} in cookie mode, is refused forged form posts from another site and from
 * another origin of the same site, keeps its session across an access-token expiry by the filter's silent refresh,
 * and signs out. The sample WAR runs with the production cookie settings ({@code __Host-}, {@code Secure}) on
 * {@code http://localhost}, which Chromium treats as a secure context.
 *
 * <p>One deployment and one browser per class keep it fast; every test starts without cookies and signs in
 * itself, so the tests do not depend on their order. Time moves by the injected clock, never by sleeping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractBrowserSessionIT {

    static final String PASSWORD = "demo-password-for-tests";
    static final Duration ACCESS_TTL = Duration.ofMinutes(1);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    static final String ACCESS_COOKIE = "__Host-jwtgate.access";
    static final String REFRESH_COOKIE = "__Host-jwtgate.refresh";
    static final String CSRF_COOKIE = "__Host-jwtgate.csrf";

    // Static: a per-class directory, there when @BeforeAll deploys (one deployment per class).
    @TempDir
    static Path temp;

    private final MutableClock clock = new MutableClock(Instant.now());
    private RunningApp app;
    private Browser browser;
    private ChromeDriver driver;
    private CrossSiteServer otherOrigin;

    /** The container this subclass runs the scenarios in. */
    abstract ContainerKind container();

    @BeforeAll
    void startSampleAndBrowser() throws Exception {
        Browser.require();
        app = container().deploy(SampleWar.path(), Map.of(
                "jwtgate.data-dir", temp.resolve("data").toString(),
                "demo.password", PASSWORD,
                "jwtgate.bcrypt.cost", "10",
                "jwtgate.access-token.ttl", ACCESS_TTL.toString(),
                "jwtgate.clock-skew", CLOCK_SKEW.toString()),
                temp.resolve("container"), Map.of("io.jwtgate.clock", clock));
        assertTrue(app.available(), () -> "the sample did not start in " + container() + ": "
                + app.startupFailure().map(Throwable::toString).orElse(""));
        otherOrigin = CrossSiteServer.serving(app.uri("/app/messages"));
        browser = Browser.start(temp.resolve("profile"));
        driver = browser.driver();
    }

    @AfterAll
    void stopEverything() {
        // Each step runs even when another failed.
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            try {
                if (otherOrigin != null) {
                    otherOrigin.close();
                }
            } finally {
                if (app != null) {
                    app.close();
                }
            }
        }
    }

    @BeforeEach
    void startWithoutCookies() {
        // The DevTools call clears every origin's cookies, also the HttpOnly ones a page could not reach.
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Test
    void anAnonymousVisitGoesToTheLoginPageAndSigningInThereOpensTheRequestedPage() {
        driver.get(url("/app/messages"));
        assertEquals(url("/auth/login?redirect=%2Fapp%2Fmessages"), driver.getCurrentUrl());
        assertEquals("Sign in", driver.findElement(By.tagName("h1")).getText());
        browser.screenshot("login-page");

        submitLogin("alice", PASSWORD);

        assertEquals(url("/app/messages"), driver.getCurrentUrl());
        assertEquals("alice", driver.findElement(By.id("user")).getText());
        Cookie access = driver.manage().getCookieNamed(ACCESS_COOKIE);
        assertNotNull(access, "the session cookie is set");
        assertTrue(access.isHttpOnly(), "no script can read the session cookie");
        assertTrue(access.isSecure(), "the production attributes hold on http://localhost");
        assertEquals("Lax", access.getSameSite());
        assertEquals("/", access.getPath());
        assertNotNull(driver.manage().getCookieNamed(REFRESH_COOKIE));
        Cookie csrf = driver.manage().getCookieNamed(CSRF_COOKIE);
        assertFalse(csrf.isHttpOnly(), "the CSRF cookie is the double-submit half scripts may read");
        assertEquals(csrf.getValue(), driver.findElement(By.cssSelector("form[action='/app/messages'] "
                + "input[name='_csrf']")).getAttribute("value"), "the page renders the session's CSRF token");
    }

    @Test
    void aWrongPasswordKeepsTheBrowserOnTheLoginPageWithTheMessageAndNoSession() {
        driver.get(url("/app/messages"));
        submitLogin("alice", "not-the-password");

        assertEquals("The username or password is incorrect.", driver.findElement(By.id("login-error")).getText());
        assertNull(driver.manage().getCookieNamed(ACCESS_COOKIE));
        driver.get(url("/app/messages"));
        assertTrue(driver.getCurrentUrl().startsWith(url("/auth/login")), driver.getCurrentUrl());
    }

    @Test
    void aPostedMessageIsListedAfterTheRedirectBackAndAReloadDoesNotPostItAgain() {
        signIn();
        post("Hello from a real browser");
        String text = "Markup stays text: <b>bold</b> & \"quotes\"";
        post(text);

        assertEquals(url("/app/messages"), driver.getCurrentUrl(), "303 back to the page");
        List<String> texts = messageTexts();
        assertEquals(text, texts.get(texts.size() - 1), "escaped, so the browser shows the characters");
        assertTrue(driver.findElements(By.tagName("b")).isEmpty(), "no markup of a message reached the page");
        browser.screenshot("messages-page");

        int count = texts.size();
        driver.navigate().refresh();
        assertEquals(count, messageTexts().size(), "PRG: a reload repeats the GET, not the POST");
    }

    @Test
    void aFormPostedFromAnotherSiteArrivesWithoutTheSessionCookieAndAddsNothing() {
        signIn();
        int before = messageTexts().size();

        // 127.0.0.1 and localhost are different sites: SameSite=Lax keeps the cookies from this cross-site POST.
        driver.get(otherOrigin.page("127.0.0.1").toString());
        submitWith(By.id("claim"));

        assertTrue(driver.getCurrentUrl().startsWith(url("/auth/login")),
                "the POST arrived anonymous and was sent to the login page: " + driver.getCurrentUrl());
        driver.get(url("/app/messages"));
        assertEquals("alice", driver.findElement(By.id("user")).getText(), "the session lives on");
        assertEquals(before, messageTexts().size());
        assertFalse(messageTexts().contains(CrossSiteServer.FORGED_TEXT));
    }

    @Test
    void aFormPostedFromAnotherOriginOfTheSameSiteCarriesTheCookieButIsRefusedByTheCsrfCheck() {
        signIn();
        int before = messageTexts().size();

        // localhost:<other port> is the same site, so the browser sends the session cookie; only JwtGate's CSRF
        // check (no token, a foreign Origin) stands between this form and the board.
        driver.get(otherOrigin.page("localhost").toString());
        submitWith(By.id("claim"));

        assertEquals(url("/app/messages"), driver.getCurrentUrl());
        assertTrue(driver.getPageSource().contains("\"forbidden\""), driver.getPageSource());
        driver.get(url("/app/messages"));
        assertEquals("alice", driver.findElement(By.id("user")).getText(), "the refusal keeps the session");
        assertEquals(before, messageTexts().size());
        assertFalse(messageTexts().contains(CrossSiteServer.FORGED_TEXT));
    }

    @Test
    void afterTheAccessTokenExpiresTheNextPageAndPostWorkThroughASilentRefresh() {
        signIn();
        String access = driver.manage().getCookieNamed(ACCESS_COOKIE).getValue();
        String refresh = driver.manage().getCookieNamed(REFRESH_COOKIE).getValue();

        clock.advance(ACCESS_TTL.plus(CLOCK_SKEW).plusSeconds(1));
        driver.navigate().refresh();

        assertEquals(url("/app/messages"), driver.getCurrentUrl(), "no detour to the login page");
        assertEquals("alice", driver.findElement(By.id("user")).getText());
        assertNotEquals(access, driver.manage().getCookieNamed(ACCESS_COOKIE).getValue(), "a new access token");
        assertNotEquals(refresh, driver.manage().getCookieNamed(REFRESH_COOKIE).getValue(), "the refresh rotated");
        String text = "Posted after a silent refresh";
        post(text);
        assertTrue(messageTexts().contains(text));
    }

    @Test
    void signingOutEndsTheSessionAndLeadsBackToTheLoginPage() {
        signIn();

        submitWith(By.id("logout"));

        assertEquals(url("/auth/login?logged_out"), driver.getCurrentUrl());
        assertEquals("You have signed out.", driver.findElement(By.cssSelector("[role=status]")).getText());
        assertNull(driver.manage().getCookieNamed(ACCESS_COOKIE));
        assertNull(driver.manage().getCookieNamed(REFRESH_COOKIE));
        driver.get(url("/app/messages"));
        assertEquals(url("/auth/login?redirect=%2Fapp%2Fmessages"), driver.getCurrentUrl());
    }

    /**
     * Clicks a submit button and waits until the browser has loaded the answer: the click returns once the
     * form is submitted, not once the next page is there. The old page's element going stale marks the change.
     */
    private void submitWith(By button) {
        WebElement element = driver.findElement(button);
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(element));
    }

    /** Signs in as alice through the login page, starting from the protected page. */
    private void signIn() {
        driver.get(url("/app/messages"));
        submitLogin("alice", PASSWORD);
        assertEquals(url("/app/messages"), driver.getCurrentUrl(), "signed in and back on the page");
    }

    private void submitLogin(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        submitWith(By.cssSelector("button[type=submit]"));
    }

    private void post(String text) {
        WebElement field = driver.findElement(By.id("text"));
        field.sendKeys(text);
        submitWith(By.id("post"));
        assertEquals(url("/app/messages"), driver.getCurrentUrl());
    }

    private List<String> messageTexts() {
        return driver.findElements(By.cssSelector("li.message .text")).stream().map(WebElement::getText).toList();
    }

    private String url(String path) {
        URI uri = app.uri(path);
        return uri.toString();
    }
}
