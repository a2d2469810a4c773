package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import io.jwtgate.token.AccessTokenIssuer;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The filter's HTTP behaviour (spec §4, §5) over real HTTP; run once per container by the
 * subclasses. Tokens come from a test-side issuer holding the same secret, or from real login.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilterContract {

    static final String RULES = String.join("\n",
            "GET        /api/messages/**   -> scope:messages:read",
            "POST       /api/messages      -> scope:messages:send",
            "GET,POST   /admin/**          -> role:admin",
            "           /public/**         -> permit",
            "           /closed/**         -> deny",
            "           /both/**           -> role:user scope:messages:read",
            "           /**                -> authenticated");

    static final String BARE_CHALLENGE = "Bearer realm=\"jwtgate\"";
    static final String UNAUTHORIZED_BODY =
            "{\"error\":\"unauthorized\",\"error_description\":\"Authentication is required\"}";

    private Path dir;
    private Container.Running server;
    Http http;
    private AccessTokenIssuer issuer;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-filter");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.rules", RULES);
        Seed.users(params);
        server = container().start(params, dir);
        http = server.http();
        issuer = issuerAt(Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static AccessTokenIssuer issuerAt(Clock clock) {
        return new AccessTokenIssuer(KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes())),
                "jwtgate", null, clock);
    }

    String token(Set<String> roles, Set<String> scopes) {
        String token = issuer.issue("sub-alice", "alice", roles, scopes, "sid-1", Duration.ofMinutes(5)).token();
        io.jwtgate.support.Secrets.remember(token);
        return token;
    }

    String aliceToken() {
        return token(Set.of("user"), Set.of("messages:read", "messages:send"));
    }

    static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    static void assertNotReachedApp(Http.Response r) {
        assertFalse(r.body().contains("\"reached\""), "request must not reach the application: " + r);
    }

    @Test
    void noTokenOnProtectedPathGets401WithBareBearerChallenge() {
        Http.Response r = http.get("/api/hello");
        assertEquals(401, r.status());
        assertEquals(List.of(BARE_CHALLENGE), r.headers("WWW-Authenticate"));
        assertEquals(UNAUTHORIZED_BODY, r.body());
        assertEquals("no-store", r.header("Cache-Control"));
        assertTrue(r.header("Content-Type").startsWith("application/json"));
    }

    @Test
    void validTokenReachesTheAppWithPrincipalRolesAndAttributes() {
        Http.Response r = http.bearerGet("/api/hello", aliceToken());
        assertEquals(200, r.status());
        JsonNode body = json(r);
        assertEquals("alice", body.get("principal").textValue());
        assertEquals("alice", body.get("remoteUser").textValue());
        assertEquals("BEARER", body.get("authType").textValue());
        assertTrue(body.get("isUser").booleanValue());
        assertFalse(body.get("isAdmin").booleanValue());
        assertEquals("sub-alice", body.get("subject").textValue());
        assertEquals("alice", body.get("username").textValue());
        assertEquals("[user]", body.get("roles").textValue());
        assertEquals("[messages:read, messages:send]", body.get("scopes").textValue());
        assertEquals("jwtgate", body.get("claimIss").textValue());
        assertEquals("BEARER", body.get("authMethod").textValue());
        assertEquals("alice", body.get("typed").textValue());
        assertFalse(body.get("tokenId").textValue().isEmpty());
    }

    @Test
    void expiredTokenGets401WithExpiredDescription() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String token = issuerAt(past).issue("s", "alice", Set.of("user"), Set.of(), "sid", Duration.ofMinutes(5)).token();
        Http.Response r = http.bearerGet("/api/hello", token);
        assertEquals(401, r.status());
        assertEquals(List.of("Bearer realm=\"jwtgate\", error=\"invalid_token\", error_description=\"The access token expired\""),
                r.headers("WWW-Authenticate"));
        assertEquals("{\"error\":\"invalid_token\",\"error_description\":\"The access token expired\"}", r.body());
    }

    @Test
    void garbageTokenGets401InvalidToken() {
        Http.Response r = http.bearerGet("/api/hello", "abc.def.ghi");
        assertEquals(401, r.status());
        assertEquals(List.of("Bearer realm=\"jwtgate\", error=\"invalid_token\", error_description=\"The access token is invalid\""),
                r.headers("WWW-Authenticate"));
        assertEquals("{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}", r.body());
    }

    @Test
    void tokenSignedWithAnotherSecretGets401() {
        String forged = new TokenForge("another-secret-0123456789-abcdefghijklmnop".getBytes(StandardCharsets.UTF_8))
                .hs256(TokenForge.HEADER, TokenForge.claims(Instant.now().getEpochSecond()));
        assertEquals(401, http.bearerGet("/api/hello", forged).status());
    }

    @Test
    void algNoneTokenGets401() {
        String payload = TokenForge.b64(TokenForge.claims(Instant.now().getEpochSecond()));
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String token = TokenForge.b64("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\"}") + "." + payload + ".";
            Http.Response r = http.raw("GET", "/app/api/hello", List.of("Authorization: Bearer " + token), null);
            assertEquals(401, r.status(), alg + " gave " + r.status());
            assertEquals(List.of("Bearer realm=\"jwtgate\", error=\"invalid_token\", error_description="
                    + "\"The access token is invalid\""), r.headers("WWW-Authenticate"), alg);
            assertNotReachedApp(r);
        }
    }

    @Test
    void twoAuthorizationHeadersGet400InvalidRequest() {
        Http.Response r = http.raw("GET", "/app/api/hello",
                List.of("Authorization: Bearer " + aliceToken(), "Authorization: Basic YWxpY2U6eA=="), null);
        assertEquals(400, r.status());
        assertEquals(List.of("Bearer realm=\"jwtgate\", error=\"invalid_request\", error_description="
                + "\"The request carries more than one Authorization header\""), r.headers("WWW-Authenticate"));
        assertNotReachedApp(r);
    }

    @Test
    void tokenInQueryStringGets400InvalidRequest() {
        Http.Response r = http.get("/api/hello?access_token=" + aliceToken());
        assertEquals(400, r.status());
        assertEquals("{\"error\":\"invalid_request\",\"error_description\":"
                + "\"Access tokens are not accepted in the query string\"}", r.body());
    }

    @Test
    void bearerWithTwoTokensOrNoTokenGets400() {
        for (String header : List.of("Bearer a b", "Bearer", "Bearer  ", "Bearer a,b", "Bearer \"abc\"")) {
            Http.Response r = http.raw("GET", "/app/api/hello", List.of("Authorization: " + header), null);
            assertEquals(400, r.status(), header);
            assertTrue(r.body().startsWith("{\"error\":\"invalid_request\""), header);
        }
    }

    @Test
    void schemeIsCaseInsensitiveAndExtraSpacesAreAllowed() {
        String token = aliceToken();
        for (String header : List.of("bearer " + token, "BEARER " + token, "Bearer   " + token)) {
            Http.Response r = http.raw("GET", "/app/api/hello", List.of("Authorization: " + header), null);
            assertEquals(200, r.status(), header);
        }
    }

    @Test
    void unknownSchemeAndBasicWhenOffAreTreatedAsNoCredentials() {
        for (String header : List.of("Digest username=\"a\"", "Basic YWxpY2U6Y29ycmVjdA==", "Negotiate abc")) {
            Http.Response r = http.raw("GET", "/app/api/hello", List.of("Authorization: " + header), null);
            assertEquals(401, r.status(), header);
            assertEquals(List.of(BARE_CHALLENGE), r.headers("WWW-Authenticate"), header);
        }
    }

    @Test
    void permitPathNeedsNoToken() {
        Http.Response r = http.get("/public/info");
        assertEquals(200, r.status());
        assertNull(json(r).get("principal").textValue());
    }

    @Test
    void permitPathStillShowsAValidCaller() {
        Http.Response r = http.bearerGet("/public/info", aliceToken());
        assertEquals("alice", json(r).get("principal").textValue());
    }

    @Test
    void denyPathGets403EvenWithAToken() {
        Http.Response r = http.bearerGet("/closed/x", aliceToken());
        assertEquals(403, r.status());
        assertEquals("{\"error\":\"forbidden\",\"error_description\":\"Access to this resource is denied\"}", r.body());
        assertNull(r.header("WWW-Authenticate"));
    }

    @Test
    void missingRoleGets403Forbidden() {
        Http.Response r = http.bearerGet("/admin/users", aliceToken());
        assertEquals(403, r.status());
        assertEquals("{\"error\":\"forbidden\",\"error_description\":\"Access to this resource is denied\"}", r.body());
        assertNotReachedApp(r);
    }

    @Test
    void headIsJudgedByTheGetRule() {
        Http.Response r = http.raw("HEAD", "/app/admin/users", List.of("Authorization: Bearer " + aliceToken()), null);
        assertEquals(403, r.status());
    }

    @Test
    void adminRoleReachesAdminPaths() {
        Http.Response r = http.bearerGet("/admin/users", token(Set.of("admin"), Set.of("all:any")));
        assertEquals(200, r.status());
        assertTrue(json(r).get("isAdmin").booleanValue());
    }

    @Test
    void missingScopeGets403InsufficientScopeWithTheScope() {
        String readOnly = token(Set.of("user"), Set.of("messages:read"));
        Http.Response r = http.post("/api/messages", "application/json", "{}", "Authorization", "Bearer " + readOnly);
        assertEquals(403, r.status());
        assertEquals(List.of("Bearer realm=\"jwtgate\", error=\"insufficient_scope\", error_description=\"The request"
                + " requires higher privileges than provided by the access token\", scope=\"messages:send\""),
                r.headers("WWW-Authenticate"));
        assertEquals("{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher"
                + " privileges than provided by the access token\"}", r.body());
        assertEquals(200, http.bearerGet("/api/messages", readOnly).status());
    }

    @Test
    void allAnyAndResourceWildcardScopesSatisfyRequirements() {
        assertEquals(200, http.post("/api/messages", "application/json", "{}",
                "Authorization", "Bearer " + token(Set.of(), Set.of("all:any"))).status());
        assertEquals(200, http.post("/api/messages", "application/json", "{}",
                "Authorization", "Bearer " + token(Set.of(), Set.of("messages:*"))).status());
        assertEquals(403, http.post("/api/messages", "application/json", "{}",
                "Authorization", "Bearer " + token(Set.of(), Set.of("other:*"))).status());
    }

    @Test
    void ruleWithRoleAndScopeNeedsBoth() {
        assertEquals(200, http.bearerGet("/both/x", token(Set.of("user"), Set.of("messages:read"))).status());
        assertEquals(403, http.bearerGet("/both/x", token(Set.of("user"), Set.of())).status());
        assertEquals(403, http.bearerGet("/both/x", token(Set.of("guest"), Set.of("messages:read"))).status());
    }

    @Test
    void methodNotListedInARuleFallsThroughToLaterRules() {
        // PUT /admin/x is not covered by "GET,POST /admin/**"; "/** -> authenticated" decides.
        Http.Response r = http.raw("PUT", "/app/admin/x", List.of("Authorization: Bearer " + aliceToken()), "");
        assertEquals(200, r.status());
    }

    @Test
    void bypassPathsNeverReachAdminWithoutTheRole() {
        String alice = aliceToken();
        for (String target : List.of("/app/admin;x=1/users", "/app/public/../admin/users", "/app//admin/users",
                "/app/%61dmin/users", "/app/admin/users/", "/app/./admin/users", "/app/public/%2e%2e/admin/users",
                "/app/admin%3Bx/users", "/app/public/..;/admin/users", "/app/admin/users;jsessionid=1",
                "/app/public/%2e%2e%2fadmin/users", "/app/public%2f..%2fadmin/users")) {
            Http.Response withToken = http.raw("GET", target, List.of("Authorization: Bearer " + alice), null);
            assertNotEquals(200, withToken.status(), target + " with alice's token: " + withToken);
            assertNotReachedApp(withToken);
            Http.Response anonymous = http.raw("GET", target, List.of(), null);
            assertNotEquals(200, anonymous.status(), target + " anonymously: " + anonymous);
            assertNotReachedApp(anonymous);
        }
    }

    @Test
    void encodedPathToPublicIsStillPublic() {
        assertEquals(200, http.raw("GET", "/app/%70ublic/x", List.of(), null).status());
    }

    @Test
    void doubleEncodedPathIsNotDecodedTwice() {
        // %2561 decodes once to the literal "%61dmin", which is not "admin": the default rule applies.
        Http.Response r = http.raw("GET", "/app/%2561dmin/users", List.of(), null);
        assertNotEquals(200, r.status());
        assertNotReachedApp(r);
    }

    @Test
    void loginServletIsReachableWithoutAToken() {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"wrong-password\"}");
        assertEquals(401, r.status());
        assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"The username or password is incorrect\"}",
                r.body());
    }

    @Test
    void tokenFromRealLoginWorksOnTheApp() {
        Http.Response login = http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, login.status());
        String token = json(login).get("access_token").textValue();
        Http.Response r = http.bearerGet("/api/hello", token);
        assertEquals(200, r.status());
        assertEquals("alice", json(r).get("principal").textValue());
    }

    @Test
    void malformedTokensOfManyShapesGet401AndNever500() {
        long now = Instant.now().getEpochSecond();
        TokenForge forge = new TokenForge(TestSettings.secretBytes());
        String good = aliceToken();
        List<String> tokens = List.of(
                "a", "a.b", "a.b.c.d", ".b.c", "a..c", "a.b.", "..", "...",
                TokenForge.b64("null") + "." + TokenForge.b64("{}") + ".c",
                TokenForge.b64("[]") + "." + TokenForge.b64("{}") + ".c",
                TokenForge.b64("\"x\"") + "." + TokenForge.b64("{}") + ".c",
                forge.hs256(TokenForge.HEADER, "null"),
                forge.hs256(TokenForge.HEADER, "[]"),
                forge.hs256(TokenForge.HEADER, "\"str\""),
                forge.hs256(TokenForge.HEADER, "{\"exp\":\"tomorrow\"}"),
                forge.hs256(TokenForge.HEADER, TokenForge.claims(now).replace("\"exp\":" + (now + 600), "\"exp\":null")),
                forge.hs256(TokenForge.HEADER, TokenForge.claims(now).replace("\"exp\":" + (now + 600), "\"exp\":1e400")),
                forge.hs256(TokenForge.HEADER, TokenForge.claims(now).replace("\"exp\":" + (now + 600),
                        "\"exp\":99999999999999999999999999999999")),
                forge.hs256(TokenForge.HEADER, TokenForge.claims(now).replace("\"exp\":" + (now + 600), "\"exp\":true")),
                forge.hs256(TokenForge.HEADER, TokenForge.claims(now).replace("\"iat\":" + now, "\"iat\":-5")),
                forge.hs256("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[\"exp\"]}", TokenForge.claims(now)),
                forge.hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", TokenForge.claims(now)),
                forge.hs256("{\"alg\":\"HS256\"}", TokenForge.claims(now)),
                forge.hs256("{\"alg\":\"HS256\",\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", TokenForge.claims(now)),
                forge.sign("{\"alg\":\"HS512\",\"typ\":\"at+jwt\"}", TokenForge.claims(now), "HmacSHA512"),
                good.substring(0, good.length() - 2),
                good + "A",
                good.replace('.', '_'),
                "\u00e9\u00e9.\u00e9.\u00e9");
        for (String t : tokens) {
            Http.Response r = http.raw("GET", "/app/api/hello", List.of("Authorization: Bearer " + t), null);
            // Only the non-ASCII token breaks the RFC 6750 b64token grammar (400); every other shape is a
            // well-formed credential that is not a valid token (401).
            boolean grammar = !t.chars().allMatch(c -> c < 0x80);
            assertEquals(grammar ? 400 : 401, r.status(), "status " + r.status() + " for " + t);
            assertEquals(List.of(grammar
                    ? "Bearer realm=\"jwtgate\", error=\"invalid_request\", error_description="
                            + "\"The Bearer credentials must be exactly one token\""
                    : "Bearer realm=\"jwtgate\", error=\"invalid_token\", error_description="
                            + "\"The access token is invalid\""), r.headers("WWW-Authenticate"), t);
            assertNotReachedApp(r);
        }
    }

    @Test
    void forgedValidLookingTokenWithCorrectSecretIsAccepted() {
        // Control for the test above: the forge itself produces acceptable tokens.
        String token = new TokenForge(TestSettings.secretBytes()).hs256(TokenForge.HEADER,
                TokenForge.claims(Instant.now().getEpochSecond()));
        assertEquals(200, http.bearerGet("/api/hello", token).status());
    }
}
