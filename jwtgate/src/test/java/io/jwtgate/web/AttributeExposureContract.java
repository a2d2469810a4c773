package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
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
 * Issue 8 item 7: expression language injected into any page of the application reads context and
 * request attributes and calls their public methods. A page of the test application
 * ({@link io.jwtgate.support.ExposureServlet}) walks them all as EL would and reports the signing
 * secret in any encoding, the caller's raw credentials, keys, and JwtGate objects that issue
 * tokens or reach users, sessions or the store; nothing may be found.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AttributeExposureContract {

    private Container.Apps apps;
    private Http http;
    private int before;

    abstract Container container();

    /**
     * The root application, given its signing secret the way decision 151 recommends for set-up
     * code: through the {@code io.jwtgate.private-settings} attribute, not a context-param.
     */
    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-exposure");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        // Cookie mode too: a page must not reach the session's tokens through a cookie caller's attributes either.
        params.put("jwtgate.cookie.enabled", "true");
        Seed.usersAt("", params);
        params.remove("jwtgate.signing.secret");
        before = LogCapture.lines().size();
        apps = container().startApps(List.of(new Container.App("", params, Map.of(), Map.of(
                "io.jwtgate.private-settings", Map.of("jwtgate.signing.secret", TestSettings.SECRET)))), dir);
        http = apps.http("");
    }

    @AfterAll
    void stop() {
        apps.close();
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.textValue()));
        return out;
    }

    private String aliceToken() {
        Http.Response login = http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, login.status(), login.body());
        return json(login).get("access_token").textValue();
    }

    @Test
    void elWalkOfEveryAttributeOfATokenCallerFindsNoSecretKeyOrJwtGateService() {
        Http.Response r = http.bearerGet("/api/exposure", aliceToken());
        assertEquals(200, r.status(), r.body());
        JsonNode body = json(r);
        assertEquals(List.of(), strings(body.get("findings")));
        // The walk saw what it had to: JwtGate's context attribute and everything the filter sets.
        assertTrue(strings(body.get("contextAttributes")).contains("io.jwtgate.JwtGate"), r.body());
        assertTrue(strings(body.get("requestAttributes")).containsAll(List.of("io.jwtgate.JwtGateAuthentication",
                "jwtgate.subject", "jwtgate.username", "jwtgate.roles", "jwtgate.scopes", "jwtgate.claims",
                "jwtgate.token_id", "jwtgate.auth_method")), r.body());
        assertTrue(body.get("visited").intValue() > 20, r.body());
        // The ServletContext object and the context-params were walked too, and the attribute
        // that handed over the secret is gone.
        assertTrue(body.get("visitedWithContext").intValue() > body.get("visited").intValue(), r.body());
        assertFalse(strings(body.get("contextAttributes")).contains("io.jwtgate.private-settings"), r.body());
    }

    /**
     * Decision 151's reason: a secret an operator writes into a context-param is readable by an EL
     * injection as {@code ${initParam['jwtgate.signing.secret']}}; the same walk finds it there.
     */
    @Test
    void elWalkFindsASecretConfiguredAsAContextParam() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-exposure-param");
        Map<String, String> params = TestSettings.params(dir);
        Seed.usersAt("/plain", params);
        try (Container.Apps plain = container().startApps(List.of(new Container.App("/plain", params, Map.of())),
                dir)) {
            Http plainHttp = plain.http("/plain");
            Http.Response login = plainHttp.postJson("/auth/login",
                    "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
            assertEquals(200, login.status(), login.body());
            Http.Response r = plainHttp.bearerGet("/api/exposure", json(login).get("access_token").textValue());
            assertEquals(200, r.status(), r.body());
            List<String> findings = strings(json(r).get("findings"));
            assertTrue(findings.contains("initParam['jwtgate.signing.secret'] holds secret #0 as raw text"),
                    findings.toString());
        }
    }

    /** The settings handed over by set-up code are named as such at start, for the root as "/". */
    @Test
    void startUpNamesSetUpCodeAsTheSecretsSourceAndTheRootApplicationAsSlash() {
        List<String> lines = LogCapture.lines().subList(before, LogCapture.lines().size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("JwtGate for /: signing secret from set-up code")),
                lines.stream().filter(l -> l.contains("JwtGate")).toList().toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("JwtGate for :") || l.contains("started for :")),
                lines.toString());
    }

    @Test
    void elWalkOfEveryAttributeOfABasicCallerFindsNoSecretKeyOrJwtGateService() {
        String basic = Base64.getEncoder().encodeToString(("alice:" + Seed.PASSWORD).getBytes(StandardCharsets.UTF_8));
        Http.Response r = http.get("/api/exposure", "Authorization", "Basic " + basic);
        assertEquals(200, r.status(), r.body());
        JsonNode body = json(r);
        assertEquals(List.of(), strings(body.get("findings")));
        assertTrue(strings(body.get("requestAttributes")).contains("io.jwtgate.JwtGateAuthentication"), r.body());
    }

    @Test
    void elWalkOfEveryAttributeOfACookieCallerFindsNoTokenSecretKeyOrJwtGateService() {
        String csrf = new io.jwtgate.browser.CsrfTokens().generate();
        Http.Response r = http.get("/api/exposure", "Cookie", "__Host-jwtgate.access=" + aliceToken()
                + "; __Host-jwtgate.csrf=" + csrf);
        assertEquals(200, r.status(), r.body());
        JsonNode body = json(r);
        assertEquals(List.of(), strings(body.get("findings")));
        assertTrue(strings(body.get("requestAttributes")).containsAll(List.of("io.jwtgate.JwtGateAuthentication",
                "jwtgate.csrf_token")), r.body());
    }

    /** Control: the same walk does find the secret where an application would leak it. */
    @Test
    void elWalkFindsASecretPlantedInARequestAttribute() {
        Http.Response r = http.bearerGet("/api/exposure?control=1", aliceToken());
        assertEquals(200, r.status(), r.body());
        List<String> findings = strings(json(r).get("findings"));
        assertTrue(findings.contains("requestScope['control']['leak'] holds secret #0 as base64 text"),
                findings.toString());
    }
}
