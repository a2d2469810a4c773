package io.jwtgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SafeRedirectTest {

    private static final String CONTEXT = "/app";

    @Test
    void localTargetsUnderTheContextAreKept() {
        for (String ok : List.of("/app/messages?x=1#f", "/app", "/app/", "/app/a/b.html", "/app/caf%C3%A9",
                "/app/search?q=a%20b", "/app/x?next=/app/y")) {
            assertEquals(ok, SafeRedirect.target(ok, CONTEXT), ok);
        }
    }

    @Test
    void theRootContextKeepsAnyLocalPath() {
        assertEquals("/messages", SafeRedirect.target("/messages", ""));
        assertEquals("/", SafeRedirect.target("//evil.example", ""));
        assertEquals("/", SafeRedirect.target(null, ""));
    }

    @Test
    void missingOrEmptyTargetsGoToTheRoot() {
        assertEquals("/app/", SafeRedirect.target(null, CONTEXT));
        assertEquals("/app/", SafeRedirect.target("", CONTEXT));
        assertEquals("/app/", SafeRedirect.target("/app/" + "a".repeat(SafeRedirect.MAX_LENGTH), CONTEXT));
    }

    @Test
    void protocolRelativeAndBackslashTargetsGoToTheRoot() {
        assertAllRefused("//evil.example", "///evil", "/\\evil", "\\/evil", "/\\/evil", "/app/\\evil");
    }

    @Test
    void absoluteAndSchemeTargetsGoToTheRoot() {
        assertAllRefused("http://evil", "https:evil", "javascript:alert(1)", "https://evil.example/app/");
    }

    @Test
    void encodedSlashesAndBackslashesThatDecodeToAnotherHostGoToTheRoot() {
        assertAllRefused("%2F%2Fevil", "/%2F%2Fevil", "/%5Cevil", "/%252F%252Fevil", "/%25252F%25252Fevil",
                "/app/%5C", "/app/%zz", "/app/%4");
    }

    @Test
    void headerInjectionAndWhitespaceGoToTheRoot() {
        assertAllRefused("/app%0d%0aSet-Cookie:x", "/app\r\nx", " /app", "/app/ x", "/app/\tx", "/app/%0d%0ax",
                "/app/%250d%250ax", "/app/é");
    }

    @Test
    void dotSegmentsAndOtherApplicationsGoToTheRoot() {
        assertAllRefused("/app/../other", "/.//evil", "/other-app/x", "/application", "/app/./x", "/app/%2e%2e/x",
                "/app/%252e%252e/x", "/app/..", "/");
    }

    @Test
    void dotSegmentsWithPathParametersGoToTheRoot() {
        // Tomcat drops ";..." before resolving dot segments: /app/..;/other is /other there.
        assertAllRefused("/app/..;/other", "/app/.;x/x", "/app/..;jsessionid=1/other", "/app/%2e%2e;/other");
        assertEquals("/app/list;jsessionid=ABC", SafeRedirect.target("/app/list;jsessionid=ABC", CONTEXT));
    }

    @Test
    void charactersNoUriHoldsUnencodedGoToTheRoot() {
        for (char c : "\"<>^`{|}".toCharArray()) {
            assertEquals("/app/", SafeRedirect.target("/app/a" + c + "b", CONTEXT), "character " + c);
        }
        assertAllRefused("/app/\"><script>alert(1)</script>");
    }

    private static void assertAllRefused(String... targets) {
        for (String target : targets) {
            assertEquals("/app/", SafeRedirect.target(target, CONTEXT), target);
        }
    }
}
