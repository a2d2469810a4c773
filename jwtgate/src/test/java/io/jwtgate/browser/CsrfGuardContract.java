package io.jwtgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link CsrfGuard} and {@link RequestOrigin} on the requests of a real container (decisions 657
 * to 659): where the token may come from, that the application still reads its own form fields
 * (with the right encoding) after the guard read {@code _csrf}, and the origin order
 * Origin, Referer, Sec-Fetch-Site.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CsrfGuardContract {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String TOKEN = new CsrfTokens().generate();
    static final String OTHER = new CsrfTokens().generate();

    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        io.jwtgate.support.Secrets.remember(TOKEN);
        io.jwtgate.support.Secrets.remember(OTHER);
        Path dir = Files.createTempDirectory("jwtgate-csrf-guard");
        server = container().startDispatching(TestSettings.params(dir), dir, Map.of(), List.of(),
                List.of(new Deployment.ServletMapping("csrf-probe", CsrfProbeServlet.class, "/csrf/*", -1)),
                Map.of());
        assertTrue(server.available(), server.startFailure());
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Http.Response post(String path, String type, String body, String... headers) {
        List<String> pairs = new ArrayList<>(List.of("Cookie", "csrf=" + TOKEN));
        pairs.addAll(List.of(headers));
        return http.post(path, type, body, pairs.toArray(String[]::new));
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void admitted(Http.Response r, String label) {
        assertEquals(200, r.status(), label + ": " + r);
        assertTrue(json(r).get("admitted").booleanValue(), label);
    }

    private static void refused(Http.Response r, String label) {
        assertEquals(403, r.status(), label + ": " + r);
    }

    @Test
    void formFieldMatchingTheCookieIsAdmittedAndTheAppStillReadsItsFieldsInUtf8() {
        Http.Response r = post("/csrf/x", FORM, "text=caf%C3%A9&_csrf=" + TOKEN);
        admitted(r, "form field");
        assertEquals("café", json(r).get("text").textValue(), "the encoding is fixed before the first getParameter");
    }

    @Test
    void headerMatchingTheCookieIsAdmittedForAnyBody() {
        admitted(post("/csrf/x", "application/json", "{}", "X-CSRF-Token", TOKEN), "json with header");
        admitted(post("/csrf/x", FORM, "text=a", "X-CSRF-Token", TOKEN), "form with header");
    }

    @Test
    void missingOrWrongTokensAreRefused() {
        refused(post("/csrf/x", FORM, "text=a"), "no token");
        refused(post("/csrf/x", FORM, "text=a&_csrf=" + OTHER), "another token");
        refused(post("/csrf/x", "application/json", "{}", "X-CSRF-Token", OTHER), "another token in the header");
        refused(post("/csrf/x", "text/plain", "_csrf=" + TOKEN), "a body type the token cannot come from");
        refused(http.post("/csrf/x", FORM, "text=a&_csrf=" + TOKEN), "no CSRF cookie");
        refused(post("/csrf/x", FORM, "_csrf=" + TOKEN + "&_csrf=" + TOKEN), "the field twice");
    }

    @Test
    void aTokenInTheQueryStringOfAFormIsRefusedEvenWithTheBodyToo() {
        refused(post("/csrf/x?_csrf=" + TOKEN, FORM, "text=a"), "query only");
        refused(post("/csrf/x?_csrf=" + TOKEN, FORM, "text=a&_csrf=" + TOKEN), "query and body");
        refused(post("/csrf/x?%5Fcsrf=" + TOKEN, FORM, "text=a&_csrf=" + TOKEN), "encoded name in the query");
    }

    @Test
    void twoTokenHeadersAreRefused() {
        Http.Response r = http.raw("POST", "/app/csrf/x", List.of("Cookie: csrf=" + TOKEN,
                "X-CSRF-Token: " + TOKEN, "X-CSRF-Token: " + TOKEN, "Content-Type: application/json"), "{}");
        refused(r, "two headers");
    }

    @Test
    void multipartTakesTheTokenFromTheQueryStringOnly() {
        String type = "multipart/form-data; boundary=XyZ";
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + TOKEN + "\r\n--XyZ--\r\n";
        admitted(post("/csrf/x?_csrf=" + TOKEN, type, body), "query token");
        refused(post("/csrf/x", type, body), "a multipart body field is not read");
        refused(post("/csrf/x?_csrf=" + TOKEN + "&_csrf=" + TOKEN, type, body), "twice in the query");
        admitted(post("/csrf/x", type, body, "X-CSRF-Token", TOKEN), "header");
    }

    @Test
    void originMustBeOwnOrListed() {
        String form = "text=a&_csrf=" + TOKEN;
        admitted(post("/csrf/x", FORM, form, "Origin", http.origin()), "own origin");
        admitted(post("/csrf/x", FORM, form, "Origin", CsrfProbeServlet.PARTNER), "listed origin");
        refused(post("/csrf/x", FORM, form, "Origin", "https://evil.example"), "foreign origin");
        refused(post("/csrf/x", FORM, form, "Origin", "null"), "opaque origin");
        refused(post("/csrf/x", FORM, form, "Origin", "https://evil.example", "Referer", http.origin() + "/app/"),
                "Origin decides before Referer");
    }

    @Test
    void refererDecidesWithoutOrigin() {
        String form = "text=a&_csrf=" + TOKEN;
        admitted(post("/csrf/x", FORM, form, "Referer", http.origin() + "/app/messages?x=1"), "own referer");
        refused(post("/csrf/x", FORM, form, "Referer", "https://evil.example/app/"), "foreign referer");
        refused(post("/csrf/x", FORM, form, "Referer", "http://127.0.0.1@evil.example/"), "user info");
        refused(post("/csrf/x", FORM, form, "Referer", "/app/relative"), "no origin in it");
    }

    @Test
    void fetchMetadataDecidesWithoutOriginAndReferer() {
        String form = "text=a&_csrf=" + TOKEN;
        admitted(post("/csrf/x", FORM, form, "Sec-Fetch-Site", "same-origin"), "same-origin");
        admitted(post("/csrf/x", FORM, form, "Sec-Fetch-Site", "none"), "user-started");
        refused(post("/csrf/x", FORM, form, "Sec-Fetch-Site", "same-site"), "sibling");
        refused(post("/csrf/x", FORM, form, "Sec-Fetch-Site", "cross-site"), "cross-site");
    }

    @Test
    void endpointsThatParsedTheBodyPassTheirTokenAndTheHeaderStillWins() {
        admitted(post("/csrf/with-token", "text/plain", "x", "X-Test-Form-Token", TOKEN), "parsed token");
        refused(post("/csrf/with-token", "text/plain", "x", "X-Test-Form-Token", OTHER), "wrong parsed token");
        refused(post("/csrf/with-token", "text/plain", "x", "X-Test-Form-Token", TOKEN, "X-CSRF-Token", OTHER),
                "a wrong header overrides");
        refused(post("/csrf/with-token", "text/plain", "x", "X-Test-Form-Token", TOKEN,
                "Origin", "https://evil.example"), "foreign origin");
    }
}
