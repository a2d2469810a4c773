package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample WAR's behaviour over HTTP, written once and run in every container by the
 * subclasses. Each test deploys the packaged WAR afresh on its own data directory, so no test
 * sees another's users, tokens or messages.
 */
abstract class AbstractSampleAppIT {

    static final String PASSWORD = "demo-password-for-tests";
    static final String BEARER_CHALLENGE = "Bearer realm=\"jwtgate\"";
    /** The sample runs jwtgate.basic-auth=warn, so 401 answers offer Basic too. */
    static final String BASIC_CHALLENGE = "Basic realm=\"jwtgate\", charset=\"UTF-8\"";
    static final String UNAUTHORIZED_BODY =
            "{\"error\":\"unauthorized\",\"error_description\":\"Authentication is required\"}";
    static final String INVALID_GRANT_BODY =
            "{\"error\":\"invalid_grant\",\"error_description\":\"The username or password is incorrect\"}";

    @TempDir
    Path temp;

    private RunningApp app;
    private Http http;

    /** The container this subclass runs the tests in. */
    abstract ContainerKind container();

    @BeforeEach
    void deploySample() throws Exception {
        app = deploy("first");
        http = new Http(app);
    }

    @AfterEach
    void undeploySample() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private Path dataDir() {
        return temp.resolve("data");
    }

    private RunningApp deploy(String name) throws Exception {
        return deploy(Map.of(
                "jwtgate.data-dir", dataDir().toString(),
                "demo.password", PASSWORD,
                // The lowest cost JwtGate accepts: tests log in often and need not be slow.
                "jwtgate.bcrypt.cost", "10"), name);
    }

    /** Deploys the packaged WAR with {@code contextParams}, failing the test if it does not start. */
    private RunningApp deploy(Map<String, String> contextParams, String name) throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            RunningApp deployed = container().deploy(SampleWar.path(), contextParams, temp.resolve(name));
            if (!deployed.available()) {
                deployed.close();
                // The container's reason goes into the failure, so a red build explains itself.
                throw new AssertionError("the sample did not start in " + container() + ": "
                        + deployed.startupFailure().map(Throwable::toString).orElse("")
                        + " log: " + log.lines().stream().filter(l -> l.contains("JwtGate")).toList());
            }
            return deployed;
        }
    }

    private static ObjectNode credentials(String username, String password) {
        return Http.object().put("username", username).put("password", password);
    }

    private String login(String username) {
        HttpResponse<String> response = http.postJson("/auth/login", credentials(username, PASSWORD), null);
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response).get("access_token").asText();
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void healthIsPublicWithoutToken() {
        HttpResponse<String> response = http.get("/public/health");

        assertEquals(200, response.statusCode());
        assertEquals("ok", Http.json(response).get("status").asText());
    }

    @Test
    void helloWithoutTokenGets401WithBearerChallenge() {
        HttpResponse<String> response = http.get("/api/hello");

        assertEquals(401, response.statusCode());
        assertEquals(List.of(BEARER_CHALLENGE, BASIC_CHALLENGE), response.headers().allValues("WWW-Authenticate"));
        assertEquals(UNAUTHORIZED_BODY, response.body());
    }

    @Test
    void aliceWithBasicReachesHelloWithDeprecationAndSunsetHeaders() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("alice:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        HttpResponse<String> response = http.getWithAuthorization("/api/hello", basic);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("alice", Http.json(response).get("user").asText());
        assertEquals("@1796083200", header(response, "Deprecation"));
        assertEquals("Wed, 30 Jun 2027 00:00:00 GMT", header(response, "Sunset"));
    }

    @Test
    void aliceWithWrongBasicPasswordGets401WithBothChallenges() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "alice:not-her-password".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        HttpResponse<String> response = http.getWithAuthorization("/api/hello", basic);

        assertEquals(401, response.statusCode());
        assertEquals(List.of(BEARER_CHALLENGE, BASIC_CHALLENGE), response.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void aliceLoginByJsonGetsBearerTokenResponse() {
        Instant before = Instant.now();

        HttpResponse<String> response = http.postJson("/auth/login", credentials("alice", PASSWORD), null);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", header(response, "Cache-Control"));
        assertTrue(header(response, "Content-Type").startsWith("application/json"), header(response, "Content-Type"));
        JsonNode body = Http.json(response);
        assertEquals(3, body.get("access_token").asText().split("\\.").length, "a compact JWS");
        assertEquals("Bearer", body.get("token_type").asText());
        assertTrue(body.get("expires_in").isIntegralNumber());
        assertEquals(900, body.get("expires_in").asInt());
        Instant expiresAt = Instant.parse(body.get("expires_at").asText());
        assertFalse(expiresAt.isBefore(before.plusSeconds(900).minusSeconds(2)), expiresAt.toString());
        assertFalse(expiresAt.isAfter(Instant.now().plusSeconds(900).plusSeconds(2)), expiresAt.toString());
        assertEquals("messages:read messages:send", body.get("scope").asText());
        assertFalse(body.get("id").asText().isEmpty());
    }

    @Test
    void aliceLoginByFormGetsToken() {
        HttpResponse<String> response = http.postForm("/auth/login", "username=alice&password=" + PASSWORD);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", header(response, "Cache-Control"));
        String token = Http.json(response).get("access_token").asText();
        assertEquals("alice", Http.json(http.get("/api/hello", token)).get("user").asText());
    }

    @Test
    void aliceLoginByEmailGetsToken() {
        ObjectNode byEmail = Http.object().put("email", "alice@example.org").put("password", PASSWORD);

        HttpResponse<String> response = http.postJson("/auth/login", byEmail, null);

        assertEquals(200, response.statusCode(), response.body());
        String token = Http.json(response).get("access_token").asText();
        assertEquals("alice", Http.json(http.get("/api/hello", token)).get("user").asText());
    }

    @Test
    void wrongPasswordAndUnknownUserGetIdenticalInvalidGrant() {
        HttpResponse<String> wrongPassword = http.postJson("/auth/login", credentials("alice", "not-the-password"), null);
        HttpResponse<String> unknownUser = http.postJson("/auth/login", credentials("mallory", PASSWORD), null);

        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownUser.statusCode());
        assertEquals(INVALID_GRANT_BODY, wrongPassword.body());
        assertEquals(INVALID_GRANT_BODY, unknownUser.body());
        assertEquals(wrongPassword.headers().allValues("WWW-Authenticate"),
                unknownUser.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void aliceTokenReachesHelloAsNonAdmin() {
        HttpResponse<String> response = http.get("/api/hello", login("alice"));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = Http.json(response);
        assertEquals("Hello, alice", body.get("message").asText());
        assertEquals("alice", body.get("user").asText());
        assertFalse(body.get("admin").asBoolean());
        assertTrue(body.get("admin").isBoolean());
    }

    @Test
    void aliceTokenShowsUsernameAndUserRoleAtAuthMe() {
        HttpResponse<String> response = http.get("/auth/me", login("alice"));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = Http.json(response);
        assertEquals("alice", body.get("username").asText());
        assertEquals(Http.JSON.createArrayNode().add("user"), body.get("roles"));
    }

    @Test
    void alicePostsMessageAndSeesItInTheList() {
        String token = login("alice");

        HttpResponse<String> posted = http.postJson("/api/messages", Http.object().put("text", "hi \"there\""), token);
        HttpResponse<String> listed = http.get("/api/messages", token);

        assertEquals(201, posted.statusCode(), posted.body());
        JsonNode message = Http.json(posted);
        assertTrue(message.get("id").isIntegralNumber());
        assertEquals("alice", message.get("from").asText());
        assertEquals("hi \"there\"", message.get("text").asText());
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals(Http.JSON.createArrayNode().add(message), Http.json(listed).get("messages"));
    }

    @Test
    void malformedMessageJsonGets400InvalidRequest() {
        HttpResponse<String> response = http.postJson("/api/messages", "{\"text\": ", login("alice"));

        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = Http.json(response);
        assertEquals("invalid_request", body.get("error").asText());
        assertFalse(body.get("error_description").asText().isEmpty());
    }

    @Test
    void aliceGets403ForbiddenAtAdminUsers() {
        HttpResponse<String> response = http.get("/admin/users", login("alice"));

        assertEquals(403, response.statusCode(), response.body());
        assertEquals("forbidden", Http.json(response).get("error").asText());
        assertFalse(response.body().contains("admin area"));
    }

    @Test
    void aliceWithoutSendScopeGets403InsufficientScope() {
        ObjectNode readOnly = credentials("alice", PASSWORD);
        readOnly.putArray("scopes").add("messages:read");
        HttpResponse<String> login = http.postJson("/auth/login", readOnly, null);
        assertEquals(200, login.statusCode(), login.body());
        assertEquals("messages:read", Http.json(login).get("scope").asText());
        String token = Http.json(login).get("access_token").asText();

        HttpResponse<String> post = http.postJson("/api/messages", Http.object().put("text", "hi"), token);

        assertEquals(403, post.statusCode(), post.body());
        assertEquals(List.of("Bearer realm=\"jwtgate\", error=\"insufficient_scope\", error_description=\"The request"
                + " requires higher privileges than provided by the access token\", scope=\"messages:send\""),
                post.headers().allValues("WWW-Authenticate"));
        assertEquals("insufficient_scope", Http.json(post).get("error").asText());
        assertEquals(200, http.get("/api/messages", token).statusCode(), "reading is still within the scope");
    }

    @Test
    void adminTokenReachesAdminUsers() {
        HttpResponse<String> response = http.get("/admin/users", login("admin"));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = Http.json(response);
        assertEquals("admin", body.get("admin").asText());
        assertEquals("admin area", body.get("message").asText());
    }

    @Test
    void adminIsInAdminRoleAtHello() {
        JsonNode body = Http.json(http.get("/api/hello", login("admin")));

        assertEquals("admin", body.get("user").asText());
        assertTrue(body.get("admin").asBoolean());
    }

    @Test
    void adminPostsMessageThroughAllAnyScope() {
        HttpResponse<String> response = http.postJson("/api/messages", Http.object().put("text", "from the top"),
                login("admin"));

        assertEquals(201, response.statusCode(), response.body());
        assertEquals("admin", Http.json(response).get("from").asText());
    }

    @Test
    void garbageTokenGets401InvalidToken() {
        HttpResponse<String> response = http.get("/api/hello", "garbage");

        assertEquals(401, response.statusCode(), response.body());
        assertEquals(List.of("Bearer realm=\"jwtgate\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\"", BASIC_CHALLENGE),
                response.headers().allValues("WWW-Authenticate"));
        assertEquals("invalid_token", Http.json(response).get("error").asText());
    }

    @Test
    void tokenSignedWithAnotherSecretGets401InvalidToken() {
        byte[] otherSecret = new byte[48];
        Arrays.fill(otherSecret, (byte) 7);
        String forged = JWT.create()
                .withHeader(Map.of("typ", "at+jwt"))
                .withIssuer("jwtgate")
                .withSubject("1")
                .withClaim("preferred_username", "admin")
                .withArrayClaim("roles", new String[] {"admin"})
                .withClaim("scope", "all:any")
                .withIssuedAt(Instant.now())
                .withNotBefore(Instant.now())
                .withExpiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .withJWTId("forged")
                .sign(Algorithm.HMAC256(otherSecret));

        HttpResponse<String> response = http.get("/admin/users", forged);

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("invalid_token", Http.json(response).get("error").asText());
    }

    /** A control for the bypass test: the raw client does reach the servlet when it should. */
    @Test
    void rawSocketRequestWithAdminTokenReachesAdminArea() throws Exception {
        RawHttp.Response response = RawHttp.send(app.port(), "GET", "/admin/users", login("admin"));

        assertEquals(200, response.status(), response.toString());
        assertTrue(response.body().contains("admin area"), response.toString());
    }

    /**
     * RFC 9110 §9.3.2: HEAD is GET without the content, and HttpServlet answers it by running
     * doGet. A rule written for GET must therefore hold for HEAD, or the admin code runs for alice.
     */
    @Test
    void aliceHeadRequestToAdminUsersGets403LikeGet() throws Exception {
        RawHttp.Response response = RawHttp.send(app.port(), "HEAD", "/admin/users", login("alice"));

        assertEquals(403, response.status(), "HEAD /admin/users as alice: " + response.status() + " "
                + response.headers().stream().map(h -> h[0] + ": " + h[1]).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/admin;x=1/users", "/public/../admin/users", "//admin/users", "/%61dmin/users",
            "/admin/users/", "/ADMIN/users"})
    void adminPathVariantsNeverReachAdminServletForAliceOrAnonymous(String target) throws Exception {
        String aliceToken = login("alice");
        List<String> failures = new ArrayList<>();
        for (String token : Arrays.asList(aliceToken, null)) {
            String who = token == null ? "anonymous" : "alice";
            // Sent over a socket so the container gets the target byte for byte.
            RawHttp.Response response = RawHttp.send(app.port(), "GET", target, token);
            if (response.status() == 200 && response.body().contains("admin area")) {
                failures.add(who + " reached the admin servlet: " + response);
            } else if (!Set.of(400, 401, 403, 404).contains(response.status())) {
                failures.add(who + " got an unexpected answer: " + response);
            }
        }
        assertEquals(List.of(), failures, "GET " + target + " in " + container());
    }

    @Test
    void loginAndOldTokenStillWorkAfterRestartOnSameDataDir() throws Exception {
        String tokenBefore = login("alice");
        app.close();
        app = null;

        app = deploy("second");
        http = new Http(app);

        HttpResponse<String> oldToken = http.get("/api/hello", tokenBefore);
        assertEquals(200, oldToken.statusCode(), oldToken.body());
        assertEquals("alice", Http.json(oldToken).get("user").asText());
        String tokenAfter = login("alice");
        assertNotEquals(tokenBefore, tokenAfter);
        assertEquals(200, http.get("/api/hello", tokenAfter).statusCode());
    }

    @Test
    void generatedDemoPasswordIsPrintedOnceAndLogsIn() throws Exception {
        assumeTrue(System.getenv(SampleSetupListener.DEMO_PASSWORD_ENV) == null,
                "DEMO_PASSWORD is set in this environment, so no password is generated");
        app.close();
        app = null;
        Path dataDir = temp.resolve("generated");
        Map<String, String> params = Map.of("jwtgate.data-dir", dataDir.toString(), "jwtgate.bcrypt.cost", "10");

        String firstStart = captureStdout(() -> app = deploy(params, "g1"));
        Matcher printed = Pattern.compile("with password (\\S+) ").matcher(firstStart);
        assertTrue(printed.find(), "the generated password is printed: " + firstStart);
        String password = printed.group(1);
        assertEquals(SampleSetupListener.GENERATED_PASSWORD_LENGTH, password.length());
        http = new Http(app);
        HttpResponse<String> login = http.postJson("/auth/login", credentials("admin", password), null);
        assertEquals(200, login.statusCode(), login.body());
        app.close();
        app = null;

        String secondStart = captureStdout(() -> app = deploy(params, "g2"));

        assertFalse(secondStart.contains(password), "printed only when the users are created: " + secondStart);
        http = new Http(app);
        assertEquals(200, http.postJson("/auth/login", credentials("alice", password), null).statusCode());
    }

    @Test
    void adminDeletedAfterTheFirstStartIsNotRecreatedAtTheNextStart() throws Exception {
        app.close();
        app = null;
        // The sample runs at the root context, whose default store is jwtgate-ROOT (decision 178).
        String url = "jdbc:h2:file:" + dataDir().toAbsolutePath().resolve("jwtgate-ROOT") + ";DB_CLOSE_ON_EXIT=FALSE";
        // The driver directly: the deployments deregistered their drivers from DriverManager.
        try (java.sql.Connection c = new org.h2.Driver().connect(url, new java.util.Properties());
                java.sql.PreparedStatement delete = c.prepareStatement("DELETE FROM jwtgate_users WHERE username = ?")) {
            delete.setString(1, "admin");
            assertEquals(1, delete.executeUpdate());
        }

        app = deploy("second");

        http = new Http(app);
        HttpResponse<String> admin = http.postJson("/auth/login", credentials("admin", PASSWORD), null);
        assertEquals(401, admin.statusCode(), admin.body());
        assertEquals(INVALID_GRANT_BODY, admin.body());
        assertEquals(200, http.postJson("/auth/login", credentials("alice", PASSWORD), null).statusCode());
    }

    /** An action whose standard output a test inspects. */
    private interface Action {
        void run() throws Exception;
    }

    private static String captureStdout(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    @Test
    void devSecretIsPersistedOwnerOnlyInDataDir() throws Exception {
        Path secretFile = dataDir().resolve(DevSecret.FILE_NAME);

        assertTrue(Files.isRegularFile(secretFile), secretFile + " exists");
        if (DevSecret.posix(secretFile)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        }
    }

    @Test
    void aBearerCallerUsesTheMessagesPageWithoutACsrfTokenAndItSharesTheBoardWithTheApi() {
        String token = login("alice");

        HttpResponse<String> page = http.get("/app/messages", token);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
        assertFalse(page.body().contains("_csrf"), "only a cookie session has a CSRF token; Bearer needs none");

        HttpResponse<String> posted = http.post("/app/messages", "application/x-www-form-urlencoded",
                "text=%3Cb%3Ehi%3C%2Fb%3E".getBytes(StandardCharsets.UTF_8), token);
        assertEquals(303, posted.statusCode(), posted.body());
        assertEquals("/app/messages", posted.headers().firstValue("Location").orElse(null));
        JsonNode listed = Http.json(http.get("/api/messages", token)).get("messages");
        assertEquals("<b>hi</b>", listed.get(0).get("text").asText(), "the API lists what the page posted");
        assertEquals("alice", listed.get(0).get("from").asText());
        assertTrue(http.get("/app/messages", token).body().contains("&lt;b&gt;hi&lt;/b&gt;"), "escaped on the page");

        HttpResponse<String> blank = http.post("/app/messages", "application/x-www-form-urlencoded",
                "text=+".getBytes(StandardCharsets.UTF_8), token);
        assertEquals(400, blank.statusCode());
        assertEquals(1, Http.json(http.get("/api/messages", token)).get("messages").size());
    }
}
