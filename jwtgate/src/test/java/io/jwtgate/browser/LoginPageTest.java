package io.jwtgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The built-in login page as text (decision 662): accessible markup, no script, everything escaped,
 * a policy whose hash is the page's own style sheet, and messages that never tell users apart.
 * Its headers and its use over HTTP are {@code BrowserLoginContract}'s.
 */
class LoginPageTest {

    private static final String TOKEN = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c";

    private static LoginPage.Content content(LoginPage.Problem problem, long retryAfter, boolean loggedOut) {
        return new LoginPage.Content("/app/auth/login", TOKEN, "/app/messages", problem, retryAfter, loggedOut);
    }

    private static String page() {
        return LoginPage.html(content(null, 0, false));
    }

    @Test
    void thePageHasALanguageAMainLandmarkAHeadingAndALabelForEachField() {
        String html = page();

        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
        assertEquals(1, count(html, "<main>"));
        assertEquals(1, count(html, "<h1>Sign in</h1>"));
        for (String id : List.of("username", "password")) {
            assertEquals(1, count(html, "<label for=\"" + id + "\">"), id);
            assertEquals(1, count(html, "<input id=\"" + id + "\" name=\"" + id + "\""), id);
        }
        assertTrue(html.contains("type=\"password\" autocomplete=\"current-password\""), html);
        assertTrue(html.contains("type=\"text\" autocomplete=\"username\""), html);
        assertTrue(html.contains("<button type=\"submit\">Sign in</button>"), html);
    }

    @Test
    void theFormPostsToTheActionWithTheCsrfTokenAndTheRedirectTarget() {
        String html = page();

        assertTrue(html.contains("<form method=\"post\" action=\"/app/auth/login\">"), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"_csrf\" value=\"" + TOKEN + "\">"), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"redirect\" value=\"/app/messages\">"), html);
    }

    @Test
    void thePageHasNoScriptNoEventHandlerNoStyleAttributeAndNoExternalResource() {
        for (LoginPage.Problem problem : LoginPage.Problem.values()) {
            String html = LoginPage.html(content(problem, 300, false)).toLowerCase(java.util.Locale.ROOT);
            assertFalse(html.contains("<script"), problem.name());
            assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), problem + ": an event handler");
            // The policy allows the style sheet by hash, which does not cover style attributes.
            assertFalse(html.contains(" style="), problem + ": a style attribute");
            assertFalse(html.contains("src="), problem.name());
            assertFalse(html.contains("href="), problem.name());
        }
    }

    @Test
    void thePolicyAllowsExactlyThePagesStyleSheetByItsHash() throws Exception {
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page());
        assertTrue(style.find());
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertFalse(style.find(), "one style sheet");

        assertEquals("default-src 'none'; style-src 'sha256-" + hash + "'; form-action 'self'; frame-ancestors 'none';"
                + " base-uri 'none'", LoginPage.CONTENT_SECURITY_POLICY);
    }

    @Test
    void anErrorIsAnAlertThatBothFieldsPointToAndWithoutOneNoFieldDoes() {
        String html = LoginPage.html(content(LoginPage.Problem.CREDENTIALS, 0, false));

        assertTrue(html.contains("<p id=\"login-error\" class=\"alert\" role=\"alert\">"
                + "The username or password is incorrect.</p>"), html);
        assertEquals(2, count(html, "aria-describedby=\"login-error\" aria-invalid=\"true\""));
        assertEquals(0, count(page(), "aria-describedby"));
        assertEquals(0, count(page(), "role=\"alert\""));
    }

    @Test
    void lockoutAndThrottlingSayWhenToTryAgainInWholeMinutesRoundedUp() {
        assertEquals("Too many failed attempts. Try again in 1 minute.", LoginPage.message(LoginPage.Problem.LOCKED, 1));
        assertEquals("Too many failed attempts. Try again in 1 minute.", LoginPage.message(LoginPage.Problem.LOCKED, 60));
        assertEquals("Too many failed attempts. Try again in 2 minutes.",
                LoginPage.message(LoginPage.Problem.THROTTLED, 61));
        assertEquals("Too many failed attempts. Try again in 15 minutes.",
                LoginPage.message(LoginPage.Problem.LOCKED, 900));
        assertEquals("Too many failed attempts. Try again in 1 minute.", LoginPage.message(LoginPage.Problem.LOCKED, 0));
    }

    @Test
    void noMessageNamesAUserOrTellsWhetherOneExists() {
        for (LoginPage.Problem problem : LoginPage.Problem.values()) {
            String message = LoginPage.message(problem, 120).toLowerCase(java.util.Locale.ROOT);
            for (String telling : List.of("unknown", "not found", "no such", "does not exist", "exists")) {
                assertFalse(message.contains(telling), problem + ": " + message);
            }
        }
    }

    @Test
    void theSignedOutNoticeIsAStatusAndGivesWayToAnError() {
        String notice = LoginPage.html(content(null, 0, true));
        assertTrue(notice.contains("<p class=\"notice\" role=\"status\">You have signed out.</p>"), notice);

        String both = LoginPage.html(content(LoginPage.Problem.CREDENTIALS, 0, true));
        assertFalse(both.contains("role=\"status\""), both);
        assertTrue(both.contains("role=\"alert\""), both);
    }

    @Test
    void everyValueIsEscapedInAttributes() {
        String html = LoginPage.html(new LoginPage.Content("/app/auth/login?a=1&b=\"2\"", "t\"><script>x</script>",
                "/app/x?q='\"><img src=x onerror=alert(1)>", null, 0, false));

        assertTrue(html.contains("action=\"/app/auth/login?a=1&amp;b=&quot;2&quot;\""), html);
        assertTrue(html.contains("value=\"t&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), html);
        assertTrue(html.contains("value=\"/app/x?q=&#39;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
    }

    @Test
    void textAndBackgroundColoursOfEveryRuleContrastAtLeastFourAndAHalfToOne() {
        Matcher rule = Pattern.compile("([^{}]+)\\{([^}]*)}").matcher(LoginPage.CSS);
        List<String> checked = new ArrayList<>();
        while (rule.find()) {
            String colour = property(rule.group(2), "color");
            String background = property(rule.group(2), "background");
            if (colour != null && background != null) {
                double ratio = contrast(colour, background);
                assertTrue(ratio >= 4.5, rule.group(1) + ": " + colour + " on " + background + " is " + ratio);
                checked.add(rule.group(1).trim());
            }
        }
        assertTrue(checked.containsAll(List.of("body", "button", ".alert", ".notice", "input")), checked.toString());
    }

    @Test
    void everyInteractiveElementHasAVisibleFocusRing() {
        assertTrue(LoginPage.CSS.contains("input:focus-visible,button:focus-visible{outline:3px solid"), LoginPage.CSS);
    }

    @Test
    void htmlTextEscapesTheFiveSpecialCharactersAndDropsControlCharacters() {
        assertEquals("&amp;&lt;&gt;&quot;&#39;", HtmlText.escape("&<>\"'"));
        assertEquals("", HtmlText.escape(null));
        assertEquals("ab\tc\nd\re", HtmlText.escape("a\u0000b\tc\nd\re\u007f\u001b"));
        assertEquals("Grüße, 東京 😀", HtmlText.escape("Grüße, 東京 😀"));
        assertEquals("&amp;amp;", HtmlText.escape("&amp;"), "escaping twice shows the text once escaped");
    }

    private static String property(String declarations, String name) {
        Matcher m = Pattern.compile("(?:^|;)" + name + ":(#[0-9a-fA-F]{3,6})").matcher(declarations);
        return m.find() ? m.group(1) : null;
    }

    /** The WCAG 2 contrast ratio of two {@code #rgb} or {@code #rrggbb} colours. */
    private static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        String h = hex.substring(1);
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
