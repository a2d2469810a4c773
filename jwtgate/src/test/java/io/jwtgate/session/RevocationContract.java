package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ending a session without a live access token (issue 8 item 4, decisions 111-114): logout with
 * the refresh token in the body, and RFC 7009 revocation at {@code POST /auth/revoke}, over real
 * HTTP with an injected clock; run once per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RevocationContract {

    static final String REVOKED = SessionContract.REVOKED;
    static final String EXPIRED = "Bearer realm=\"jwtgate\", error=\"invalid_token\","
            + " error_description=\"The access token expired\"";
    static final String FORM = "application/x-www-form-urlencoded";

    private Path dir;
    private final MutableClock clock = new MutableClock(Instant.now());
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-revoke");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.role-scopes", "admin=all:any; user=messages:read messages:send tokens:manage");
        Seed.users(params);
        server = container().start(params, dir, Map.of("io.jwtgate.clock", clock));
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode login() {
        Http.Response r = http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        return json(r);
    }

    private static String at(JsonNode tokens) {
        return tokens.get("access_token").textValue();
    }

    private static String rt(JsonNode tokens) {
        return tokens.get("refresh_token").textValue();
    }

    private Http.Response refresh(String refreshToken) {
        return http.postJson("/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
    }

    private Http.Response logoutWith(String refreshToken, String... headers) {
        return http.postJson("/auth/logout", "{\"refresh_token\":\"" + refreshToken + "\"}", headers);
    }

    private Http.Response revoke(String form) {
        return http.post("/auth/revoke", FORM, form);
    }

    private static String form(String token, String hint) {
        String body = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return hint == null ? body : body + "&token_type_hint=" + hint;
    }

    private void assertRevoked(String accessToken) {
        Http.Response me = http.bearerGet("/auth/me", accessToken);
        assertEquals(401, me.status(), me.body());
        assertEquals(REVOKED, me.header("WWW-Authenticate"));
    }

    private void assertSessionEnded(JsonNode tokens) {
        assertEquals(401, refresh(rt(tokens)).status(), "the refresh token must be dead");
        assertRevoked(at(tokens));
    }

    private static void assertEmpty200(Http.Response r) {
        assertEquals(200, r.status(), r.body());
        assertEquals("", r.body());
        assertEquals("no-store", r.header("Cache-Control"));
    }

    // Logout with the refresh token.

    @Test
    void logoutWithTheRefreshTokenAfterTheAccessTokenExpiredEndsTheSession() {
        JsonNode tokens = login();
        JsonNode rotated = json(refresh(rt(tokens)));
        clock.advance(Duration.ofMinutes(16));
        Http.Response me = http.bearerGet("/auth/me", at(rotated));
        assertEquals(EXPIRED, me.header("WWW-Authenticate"), "the access token has expired");
        // The expired Bearer token the client still sends must not stop it.
        Http.Response out = logoutWith(rt(rotated), "Authorization", "Bearer " + at(rotated));
        assertEquals(204, out.status(), out.body());
        assertEquals(401, refresh(rt(rotated)).status());
        assertEquals(401, refresh(rt(tokens)).status());
    }

    @Test
    void logoutWithTheRefreshTokenAloneRevokesTheSessionsLiveAccessTokens() {
        JsonNode tokens = login();
        Http.Response minted = http.postJson("/auth/token", "{\"scopes\":[\"messages:read\"]}",
                "Authorization", "Bearer " + at(tokens));
        assertEquals(201, minted.status(), minted.body());
        assertEquals(204, logoutWith(rt(tokens)).status());
        assertSessionEnded(tokens);
        assertRevoked(at(json(minted)));
    }

    @Test
    void logoutWithABearerTokenAndAnotherSessionsRefreshTokenEndsBothSessions() {
        JsonNode first = login();
        JsonNode second = login();
        assertEquals(204, logoutWith(rt(second), "Authorization", "Bearer " + at(first)).status());
        assertSessionEnded(first);
        assertSessionEnded(second);
    }

    @Test
    void logoutWithAnUnknownOrAlreadyUsedRefreshTokenIs204AndChangesNothing() {
        JsonNode bystander = login();
        assertEquals(204, logoutWith("A".repeat(43)).status());
        assertEquals(204, logoutWith("not-a-refresh-token").status());
        assertEquals(204, logoutWith(at(bystander)).status(), "an access token is no refresh token");
        JsonNode tokens = login();
        assertEquals(204, logoutWith(rt(tokens)).status());
        assertEquals(204, logoutWith(rt(tokens)).status(), "logout is idempotent");
        assertEquals(200, http.bearerGet("/auth/me", at(bystander)).status());
        assertEquals(200, refresh(rt(bystander)).status());
    }

    @Test
    void logoutWithASpentRefreshTokenEndsTheSessionLikeReuseAtRefresh() {
        JsonNode first = login();
        JsonNode second = json(refresh(rt(first)));
        assertEquals(204, logoutWith(rt(first)).status());
        assertSessionEnded(second);
    }

    @Test
    void logoutWithAMalformedBodyIs400Or415() {
        JsonNode tokens = login();
        String bearer = "Bearer " + at(tokens);
        Http.Response broken = http.postJson("/auth/logout", "{\"refresh_token\":", "Authorization", bearer);
        assertEquals(400, broken.status(), broken.body());
        assertEquals("invalid_request", json(broken).get("error").textValue());
        assertEquals(400, http.postJson("/auth/logout", "{\"refresh_token\":5}", "Authorization", bearer).status());
        assertEquals(400, http.postJson("/auth/logout", "[]", "Authorization", bearer).status());
        assertEquals(415, http.post("/auth/logout", "text/plain", "refresh_token", "Authorization", bearer).status());
        assertEquals(200, http.bearerGet("/auth/me", at(tokens)).status(), "a refused logout ends nothing");
        assertEquals(204, http.postJson("/auth/logout", "{}", "Authorization", bearer).status(),
                "an empty object is a Bearer logout as before");
        assertRevoked(at(tokens));
    }

    // RFC 7009 revocation.

    @Test
    void revokeWithARefreshTokenEndsItsWholeSession() {
        JsonNode first = login();
        JsonNode second = json(refresh(rt(first)));
        assertEmpty200(revoke(form(rt(second), "refresh_token")));
        assertRevoked(at(first));
        assertSessionEnded(second);
    }

    @Test
    void revokeWithAnAccessTokenRevokesThatTokenOnly() {
        JsonNode tokens = login();
        assertEmpty200(revoke(form(at(tokens), "access_token")));
        assertRevoked(at(tokens));
        Http.Response refreshed = refresh(rt(tokens));
        assertEquals(200, refreshed.status(), "the session lives on");
        assertEquals(200, http.bearerGet("/auth/me", at(json(refreshed))).status());
    }

    @Test
    void revokeWithGarbageUnknownForgedOrAlreadyRevokedTokensIs200AndChangesNothing() {
        JsonNode tokens = login();
        assertEmpty200(revoke(form("garbage", null)));
        assertEmpty200(revoke(form("A".repeat(43), null)));
        assertEmpty200(revoke(form("a.b.c", "access_token")));
        // Correctly shaped, with the live token's own jti and sid, but not signed with our key.
        String[] parts = at(tokens).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = new TokenForge("another-signing-key-Q8wL3vN6zX1pR5tY9mK2".getBytes(StandardCharsets.UTF_8))
                .hs256(TokenForge.HEADER, payload);
        assertEmpty200(revoke(form(forged, "access_token")));
        assertEquals(200, http.bearerGet("/auth/me", at(tokens)).status(), "an unverified token revokes nothing");
        JsonNode other = login();
        assertEmpty200(revoke(form(rt(other), null)));
        assertEmpty200(revoke(form(rt(other), null)));
        assertEmpty200(revoke(form(at(other), null)));
        assertEquals(200, refresh(rt(tokens)).status());
    }

    @Test
    void anExpiredAccessTokenIsAnswered200AndItsSessionLivesOn() {
        JsonNode tokens = login();
        clock.advance(Duration.ofMinutes(16));
        assertEmpty200(revoke(form(at(tokens), "access_token")));
        assertEquals(200, refresh(rt(tokens)).status(), "only the refresh token or logout ends the session");
    }

    @Test
    void revokeWithoutATokenIs400InvalidRequest() {
        String body = "{\"error\":\"invalid_request\",\"error_description\":\"token is required\"}";
        for (Http.Response r : List.of(revoke(""), revoke("token_type_hint=refresh_token"), revoke("token="),
                http.postJson("/auth/revoke", "{}"), http.postJson("/auth/revoke", "{\"token\":null}"))) {
            assertEquals(400, r.status(), r.body());
            assertEquals(body, r.body());
        }
        assertEquals(400, revoke("token=a&token=b").status(), "a repeated parameter");
        assertEquals(400, http.postJson("/auth/revoke", "{\"token\":[]}").status());
        assertEquals(415, http.post("/auth/revoke", "text/plain", "token=x").status());
        assertEquals(405, http.get("/auth/revoke").status());
    }

    @Test
    void aWrongOrUnknownHintChangesNothing() {
        JsonNode a = login();
        assertEmpty200(revoke(form(rt(a), "access_token")));
        assertSessionEnded(a);
        JsonNode b = login();
        assertEmpty200(revoke(form(at(b), "refresh_token")));
        assertRevoked(at(b));
        JsonNode c = login();
        assertEmpty200(revoke(form(rt(c), "id_token")));
        assertSessionEnded(c);
    }

    @Test
    void revokeAcceptsJsonLikeTheOtherEndpoints() {
        JsonNode tokens = login();
        Http.Response r = http.postJson("/auth/revoke", "{\"token\":\"" + rt(tokens) + "\"}");
        assertEmpty200(r);
        assertSessionEnded(tokens);
    }

    @Test
    void revokeIgnoresCredentialsInTheAuthorizationHeader() {
        JsonNode caller = login();
        JsonNode target = login();
        assertEmpty200(http.post("/auth/revoke", FORM, form(rt(target), null), "Authorization",
                "Bearer " + at(caller)));
        assertSessionEnded(target);
        assertEquals(200, http.bearerGet("/auth/me", at(caller)).status(), "the caller's own session lives on");
    }

    // Strict UTF-8 (decision 144).

    @Test
    void revocationFormWithPercentEncodedInvalidUtf8Gets400() {
        for (String body : List.of("token=%E9", "token=abc%FF", "token=%C3", "tok%E9n=x")) {
            Http.Response r = revoke(body);
            assertEquals(400, r.status(), body + ": " + r.body());
            assertEquals("{\"error\":\"invalid_request\",\"error_description\":\"The form is not UTF-8\"}", r.body(),
                    body);
        }
        // Valid percent-encoded UTF-8 is still read: an unknown token, the same empty 200.
        assertEmpty200(revoke("token=%C3%A9t%C3%A9"));
    }

    @Test
    void revocationDeclaredInAnotherCharsetGets415AndRevokesNothing() {
        JsonNode tokens = login();
        String form = form(rt(tokens), null);
        String json = "{\"token\":\"" + rt(tokens) + "\"}";
        for (String[] typed : List.of(new String[] {FORM + "; charset=ISO-8859-1", form},
                new String[] {FORM + ";charset=\"windows-1252\"", form},
                new String[] {"application/json; charset=utf-16", json},
                new String[] {"application/json; charset=UTF-16LE", json})) {
            Http.Response r = http.post("/auth/revoke", typed[0], typed[1]);
            assertEquals(415, r.status(), typed[0] + ": " + r.body());
            assertEquals("invalid_request", json(r).get("error").textValue(), typed[0]);
        }
        assertEquals(200, http.bearerGet("/auth/me", at(tokens)).status(), "the session must be alive");
        // UTF-8 in any spelling, quoted or not, is accepted.
        assertEmpty200(http.post("/auth/revoke", FORM + "; charset=\"Utf-8\"", form));
        assertRevoked(at(tokens));
        JsonNode other = login();
        assertEmpty200(http.post("/auth/revoke", "application/json;charset=UTF-8", "{\"token\":\"" + rt(other) + "\"}"));
        assertRevoked(at(other));
    }

    @Test
    void revocationAndLogoutByRefreshTokenAreAudited() throws Exception {
        JsonNode a = login();
        JsonNode b = login();
        JsonNode c = login();
        assertEmpty200(revoke(form(rt(a), null)));
        assertEmpty200(revoke(form(at(b), null)));
        assertEquals(204, logoutWith(rt(c)).status());
        List<String> rows = audit();
        String all = String.join("\n", rows);
        assertTrue(has(rows, "token_revoked|alice|127.0.0.1|", "\"credential\":\"refresh_token\"",
                "\"session\":\"" + sid(at(a)) + "\""), all);
        assertTrue(has(rows, "token_revoked|alice|127.0.0.1|", "\"credential\":\"access_token\"",
                "\"token_id\":\"" + b.get("id").textValue() + "\""), all);
        assertTrue(has(rows, "logout|alice|127.0.0.1|", "\"credential\":\"refresh_token\"",
                "\"session\":\"" + sid(at(c)) + "\""), all);
        for (JsonNode t : List.of(a, b, c)) {
            assertTrue(!all.contains(rt(t)) && !all.contains(at(t)), "no token in the audit table");
        }
    }

    private static boolean has(List<String> rows, String prefix, String... facts) {
        return rows.stream().anyMatch(row -> row.startsWith(prefix) && List.of(facts).stream().allMatch(row::contains));
    }

    private static String sid(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return StrictJson.parse(payload.getBytes(StandardCharsets.UTF_8)).get("sid").textValue();
    }

    private List<String> audit() throws Exception {
        String url = TestSettings.appStoreUrl(dir);
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement p = c.prepareStatement(
                "SELECT event, username, client_address, details FROM jwtgate_audit_events")) {
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                }
            }
        }
        return rows;
    }
}
