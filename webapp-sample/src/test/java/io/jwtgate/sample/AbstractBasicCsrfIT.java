package io.jwtgate.sample;

import static io.jwtgate.sample.AttackDeployment.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 2 against the sample's real {@code web.xml} ({@code jwtgate.basic-auth=warn}): a
 * page on another site posting {@code text/plain} to {@code /api/messages} with the browser's
 * cached Basic credentials was answered 201 as admin. Written once, run in every container by the
 * subclasses; each test has its own client address ({@link AbstractAttackIT}).
 */
abstract class AbstractBasicCsrfIT extends AbstractAttackIT {

    private static final String EVIL = "https://evil.example";
    private static final String REFUSED = "{\"error\":\"forbidden\",\"error_description\":\"A request that changes"
            + " state with Basic credentials must come from this site's own origin or one listed in"
            + " jwtgate.allowed-origins\"}";

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** A message text no other test posts, so a test can tell whether its own post arrived. */
    private static String marker() {
        return "csrf-" + UUID.randomUUID();
    }

    /** The POST a cross-site HTML form can send without a preflight: text/plain with a JSON-looking body. */
    private HttpResponse<String> plainPost(String text, String... headers) {
        byte[] body = ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        return http.post("/api/messages", "text/plain", body, null, headers);
    }

    private boolean messageArrived(String text) {
        HttpResponse<String> list = http.getWithAuthorization("/api/messages", basic("admin"));
        assertEquals(200, list.statusCode(), list.body());
        return list.body().contains(text);
    }

    private String ownOrigin() {
        return "http://localhost:" + app.port();
    }

    private static void assertRefused(HttpResponse<String> r, String label) {
        assertEquals(403, r.statusCode(), label + ": " + r.body());
        assertEquals(REFUSED, r.body(), label);
        assertEquals(List.of(), r.headers().allValues("WWW-Authenticate"), label);
    }

    @Test
    void crossSiteTextPlainPostToMessagesWithBasicGets403AndPostsNothing() {
        String text = marker();
        assertRefused(plainPost(text, "Authorization", basic("admin"), "Origin", EVIL), "Origin " + EVIL);
        assertRefused(plainPost(text, "Authorization", basic("admin"), "Sec-Fetch-Site", "cross-site"), "cross-site");
        assertRefused(plainPost(text, "Authorization", basic("admin"), "Origin", "null"), "Origin null");
        assertFalse(messageArrived(text), "the cross-site post must not have been stored");
    }

    @Test
    void sameOriginBasicPostToMessagesIsCreatedAsAdmin() {
        String text = marker();
        HttpResponse<String> r = plainPost(text, "Authorization", basic("admin"), "Origin", ownOrigin(),
                "Sec-Fetch-Site", "same-origin");
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("admin", Http.json(r).get("from").asText());
        assertTrue(r.headers().firstValue("Deprecation").isPresent(), "warn mode still announces the end of Basic");
        assertTrue(messageArrived(text));
    }

    @Test
    void basicPostFromAMachineClientWithoutOriginIsCreated() {
        String text = marker();
        HttpResponse<String> r = plainPost(text, "Authorization", basic("alice"));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("alice", Http.json(r).get("from").asText());
    }

    @Test
    void basicCredentialsAtLogoutGet401WithoutABasicChallenge() {
        HttpResponse<String> r = http.post("/auth/logout", "application/json", new byte[0], null,
                "Authorization", basic("alice"), "Origin", ownOrigin());
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(Verdicts.LOGIN_ENDPOINT_CHALLENGES, r.headers().allValues("WWW-Authenticate"));
    }
}
