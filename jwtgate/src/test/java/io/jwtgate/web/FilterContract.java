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
import io.jwtgate.support.LogCapture;
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

    /** The audience JwtGate derives for the test application at {@link Container#CONTEXT_PATH}. */
    static final String AUDIENCE = "jwtgate" + Container.CONTEXT_PATH;

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
        // A rule of this class's own, so that its start-up warning is told apart from the other container's.
        params.put("jwtgate.rules", "GET " + warnedPattern() + " -> role:admin\n" + RULES);
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
                "jwtgate", AUDIENCE, clock);
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

    /** Malformed Basic headers of every kind the parser knows, none of them a credential. */
    static final List<String> MALFORMED_BASIC = List.of("Basic", "Basic !!!", "Basic bm9jb2xvbg==",
            "Basic /zo=", "Basic YTpiAA==", "basic bm9jb2xvbg==");

    /**
     * Issue 7 item 12: with jwtgate.basic-auth=off (this contract's setting) Basic is a scheme
     * JwtGate does not handle, well-formed or not: no credentials, so permit paths still answer
     * and protected paths ask for a Bearer token.
     */
    @Test
    void malformedBasicHeaderWhenBasicIsOffIsTreatedAsNoCredentials() {
        for (String header : MALFORMED_BASIC) {
            Http.Response open = http.raw("GET", "/app/public/info", List.of("Authorization: " + header), null);
            assertEquals(200, open.status(), header + ": " + open);
            assertNull(json(open).get("principal").textValue(), header);
            Http.Response closed = http.raw("GET", "/app/api/hello", List.of("Authorization: " + header), null);
            assertEquals(401, closed.status(), header + ": " + closed);
            assertEquals(List.of(BARE_CHALLENGE), closed.headers("WWW-Authenticate"), header);
            assertEquals(UNAUTHORIZED_BODY, closed.body(), header);
        }
    }

    @Test
    void malformedBearerHeaderGets400EvenOnAPermitPath() {
        for (String header : List.of("Bearer", "Bearer a b", "Bearer \"abc\"")) {
            Http.Response r = http.raw("GET", "/app/public/info", List.of("Authorization: " + header), null);
            assertEquals(400, r.status(), header + ": " + r);
            assertTrue(r.headers("WWW-Authenticate").get(0).startsWith(
                    "Bearer realm=\"jwtgate\", error=\"invalid_request\", error_description=\"The Bearer"), header);
            assertNotReachedApp(r);
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

    /**
     * Issue 8 item 8: every application has an audience (here derived from the issuer and the
     * context path), so a correctly signed token without it (as issued before the upgrade) or for
     * another application is refused.
     */
    @Test
    void correctlySignedTokenWithoutTheApplicationsAudienceIsRefused() {
        TokenForge forge = new TokenForge(TestSettings.secretBytes());
        long now = Instant.now().getEpochSecond();
        for (String token : List.of(forge.hs256(TokenForge.HEADER, TokenForge.claims(now)),
                forge.hs256(TokenForge.HEADER, TokenForge.claims(now, "jwtgate/other")),
                forge.hs256(TokenForge.HEADER, TokenForge.claims(now, "jwtgate/")),
                forge.hs256(TokenForge.HEADER, TokenForge.claims(now, "jwtgate")))) {
            Http.Response r = http.bearerGet("/api/hello", token);
            assertEquals(401, r.status(), r.body());
            assertEquals(List.of("Bearer realm=\"jwtgate\", error=\"invalid_token\", error_description="
                    + "\"The access token is invalid\""), r.headers("WWW-Authenticate"));
            assertNotReachedApp(r);
        }
    }

    @Test
    void forgedValidLookingTokenWithCorrectSecretIsAccepted() {
        // Control for the test above: the forge itself produces acceptable tokens.
        String token = new TokenForge(TestSettings.secretBytes()).hs256(TokenForge.HEADER,
                TokenForge.claims(Instant.now().getEpochSecond(), AUDIENCE));
        assertEquals(200, http.bearerGet("/api/hello", token).status());
    }

    // ------------------------------------------------------------ dispatched paths (issue 7 item 1)

    static final String PATH_REFUSED =
            "The request path holds an encoded semicolon, backslash, dot segment or control character";
    static final String PATH_REFUSED_CHALLENGE = "Bearer realm=\"jwtgate\", error=\"invalid_request\","
            + " error_description=\"" + PATH_REFUSED + "\"";
    static final String PATH_REFUSED_BODY =
            "{\"error\":\"invalid_request\",\"error_description\":\"" + PATH_REFUSED + "\"}";

    /** How a hostile path must be answered, anonymously. */
    enum PathAnswer {
        /** JwtGate's 400 invalid_request with the Bearer challenge: the path cannot be judged as served. */
        REFUSED_BY_JWTGATE,
        /** The container's own 400, before any filter runs: no challenge, nothing of the application. */
        REFUSED_BY_CONTAINER,
        /** The rule of the path the container serves asks for a caller: 401 with the bare challenge. */
        UNAUTHORIZED,
        /** The container resolved the path to /public/hello itself and serves that, under its permit rule. */
        PUBLIC_HELLO
    }

    /** A hostile target and the answer each container must give. */
    record HostilePath(String target, PathAnswer jetty, PathAnswer tomcat) {
        PathAnswer in(Container container) {
            return container == Container.JETTY ? jetty : tomcat;
        }
    }

    static HostilePath both(String target, PathAnswer answer) {
        return new HostilePath(target, answer, answer);
    }

    static void assertPathRefusedByJwtGate(String label, Http.Response r) {
        assertEquals(400, r.status(), label + ": " + r);
        assertEquals(List.of(PATH_REFUSED_CHALLENGE), r.headers("WWW-Authenticate"), label);
        assertEquals(PATH_REFUSED_BODY, r.body(), label);
    }

    Http.Response anonymous(String target) {
        return http.raw("GET", target, List.of(), null);
    }

    Http.Response withToken(String target, String token) {
        return http.raw("GET", target, List.of("Authorization: Bearer " + token), null);
    }

    /** Which registration of the echo servlet served a request, and by which kind of mapping. */
    static String servedBy(Http.Response r) {
        JsonNode body = json(r);
        return body.get("servlet").textValue() + " " + body.get("match").textValue();
    }

    /**
     * Issue 7 item 1: the containers dispatch {@code /admin/x/..%3B/..%3B/public/hello} to the
     * {@code /admin/*} servlet with {@code ;} decoded in the path info. Read as path parameters
     * and resolved, that path is {@code /public/hello} and its permit rule would let anybody into
     * the admin servlet. JwtGate must refuse it, for every caller, before any rule is applied.
     */
    @Test
    void encodedSemicolonDotSegmentsGet400AndNeverReachThePrefixMappedAdminServlet() {
        Http.Response control = withToken("/app/admin/x", token(Set.of("admin"), Set.of()));
        assertEquals(200, control.status(), control.toString());
        assertEquals("echo-admin PATH", servedBy(control));
        String alice = aliceToken();
        for (String target : List.of("/app/admin/x/..%3B/..%3B/public/hello", "/app/admin/x/..%3b/..%3b/public/hello",
                "/app/admin/x;/..%3B/..%3B/public/hello", "/app/admin/..%3B/public/hello",
                "/app/api/x/..%3B/..%3B/public/hello", "/app/admin/x/..%3B/..%3B/public/y.do",
                "/app/secret/..%3B/..%3B/public/y.do", "/app/secret/..%3B/..%3B/public/other",
                "/app/public/hello/..%3B/..%3B/admin/x", "/app/admin/x%3B")) {
            assertPathRefusedByJwtGate(target + " anonymously", anonymous(target));
            assertPathRefusedByJwtGate(target + " with alice's token", withToken(target, alice));
        }
    }

    /**
     * Every trick of the issue, against prefix ({@code /admin/*}), extension ({@code *.do}) and
     * default-servlet targets: the exact answer differs by container only where the container
     * itself refuses or resolves the path first; nothing reaches a protected servlet.
     */
    @Test
    void hostilePathsGetTheExactAnswerOfTheirContainerAndNeverAProtectedServlet() {
        PathAnswer gate = PathAnswer.REFUSED_BY_JWTGATE;
        PathAnswer container = PathAnswer.REFUSED_BY_CONTAINER;
        PathAnswer unauthorized = PathAnswer.UNAUTHORIZED;
        List<HostilePath> paths = List.of(
                new HostilePath("/app/admin/x/%2e%2e/%2e%2e/public/hello", container, PathAnswer.PUBLIC_HELLO),
                new HostilePath("/app/public/%2e%2e/admin/x", container, unauthorized),
                new HostilePath("/app/public/%2E%2E/x.do", container, unauthorized),
                new HostilePath("/app/admin/%2e", container, unauthorized),
                both("/app/public/..%5Cadmin/x", container),
                both("/app/admin/x/..%5C..%5Cpublic/hello", container),
                both("/app/public/..%5Csecret.do", container),
                both("/app/public/..%2Fadmin/x", container),
                both("/app/admin%2Fx", container),
                both("/app/public%2F..%2Fsecret.do", container),
                new HostilePath("//app/admin/x", container, unauthorized),
                new HostilePath("/app//admin/x", container, unauthorized),
                new HostilePath("/app//secret.do", container, unauthorized),
                both("/app/admin;x=1/", unauthorized),
                both("/app/admin;x=1/x", unauthorized),
                both("/app/secret.do;x=1", unauthorized),
                both("/app/%61dmin/x", unauthorized),
                both("/app/%73ecret.do", unauthorized),
                both("/app/admin/x%00", container),
                both("/app/secret%00.do", container),
                both("/app/public/hello%00", container),
                both("/app/public/other%00/x", container),
                new HostilePath("/app/admin/x%09", container, gate),
                new HostilePath("/app/admin/x%7F", container, gate),
                both("/app/secret.do", unauthorized),
                both("/app/other", unauthorized));
        for (HostilePath path : paths) {
            String target = path.target();
            Http.Response r = anonymous(target);
            switch (path.in(container())) {
                case REFUSED_BY_JWTGATE -> assertPathRefusedByJwtGate(target, r);
                case REFUSED_BY_CONTAINER -> {
                    assertEquals(400, r.status(), target + ": " + r);
                    assertEquals(List.of(), r.headers("WWW-Authenticate"), target);
                    assertNotReachedApp(r);
                }
                case UNAUTHORIZED -> {
                    assertEquals(401, r.status(), target + ": " + r);
                    assertEquals(List.of(BARE_CHALLENGE), r.headers("WWW-Authenticate"), target);
                    assertEquals(UNAUTHORIZED_BODY, r.body(), target);
                }
                case PUBLIC_HELLO -> {
                    assertEquals(200, r.status(), target + ": " + r);
                    assertEquals("echo-public-hello EXACT", servedBy(r), target);
                }
            }
        }
    }

    /**
     * The filter lets a request through untouched when the container maps it to LoginServlet
     * ({@code getHttpServletMapping}, Servlet 4.0): paths that start under /auth but resolve
     * elsewhere must be judged like any other, in every container, never waved through.
     */
    @Test
    void pathsThatStartUnderTheLoginServletButResolveElsewhereAreNeverWavedThrough() {
        for (String target : List.of("/app/auth/../admin/x", "/app/auth/%2e%2e/admin/x", "/app/auth/..;/admin/x",
                "/app/auth;x/../admin/x", "/app/auth/..%3B/admin/x", "/app/auth/..%2Fadmin/x", "/app/auth%2F..%2Fadmin/x",
                "/app/auth/..%5Cadmin/x", "/app/auth/login/../../secret.do", "/app/auth/login/..;/..;/admin/x",
                "/app/auth//../admin/x", "/app/auth/.%2e/admin/x")) {
            Http.Response r = anonymous(target);
            assertNotEquals(200, r.status(), target + ": " + r);
            assertNotReachedApp(r);
        }
        assertEquals(401, anonymous("/app/auth/../admin/x").status(), "resolved to /admin/x, judged by its rule");
    }

    /** Controls for the two tests above: each kind of mapping serves, under the rule of its path. */
    @Test
    void exactPrefixExtensionAndDefaultMappingsServeUnderTheirRules() {
        String alice = aliceToken();
        String admin = token(Set.of("admin"), Set.of("all:any"));
        assertEquals("echo-public-hello EXACT", servedBy(anonymous("/app/public/hello")));
        assertEquals("echo-do EXTENSION", servedBy(anonymous("/app/public/y.do")));
        assertEquals("echo-default DEFAULT", servedBy(anonymous("/app/public/other")));
        assertEquals("echo-api-hello EXACT", servedBy(withToken("/app/api/hello", alice)));
        assertEquals("echo-api PATH", servedBy(withToken("/app/api/x", alice)));
        assertEquals("echo-do EXTENSION", servedBy(withToken("/app/secret.do", alice)));
        assertEquals("echo-admin PATH", servedBy(withToken("/app/admin/x", admin)));
        assertEquals("echo-admin PATH", servedBy(withToken("/app/admin", admin)));
        assertEquals(403, withToken("/app/admin/x", alice).status());
        assertEquals(401, anonymous("/app/admin/x").status());
        assertEquals(401, anonymous("/app/secret.do").status());
    }

    // ------------------------------------------------------------ method-limited rules (issue 7 item 12)

    String warnedPattern() {
        return "/warned-" + container().name().toLowerCase(java.util.Locale.ROOT) + "/**";
    }

    /**
     * Issue 7 item 12: "GET /warned-x/** -> role:admin" lets PUT, DELETE... fall through to
     * "/** -> authenticated". JwtGate still starts (that may be intended) but says so once, naming
     * both rules and the fix.
     */
    @Test
    void methodLimitedRuleFollowedByAWeakerCatchAllIsWarnedAboutOnceAtStart() {
        String limited = "'GET " + warnedPattern() + " -> role:admin'";
        List<String> warnings = LogCapture.lines().stream().filter(l -> l.contains(limited)).toList();
        assertEquals(1, warnings.size(), "one start-up line about " + limited + ": " + warnings);
        assertTrue(warnings.get(0).contains("WARNING: jwtgate.rules: rule 1 " + limited + " applies to GET only;"
                + " other methods on " + warnedPattern() + " fall through to rule 8 '/** -> authenticated',"
                + " which asks for less. If that is not intended, add a rule for the other methods right after rule 1,"
                + " e.g. '" + warnedPattern() + " -> role:admin'"), warnings.get(0));
        // What the warning is about: PUT meets only the "authenticated" rule.
        Http.Response put = http.raw("PUT", "/app" + warnedPattern().replace("**", "x"),
                List.of("Authorization: Bearer " + aliceToken()), "");
        assertEquals(200, put.status(), put.toString());
        assertEquals(403, withToken("/app" + warnedPattern().replace("**", "x"), aliceToken()).status());
    }
}
