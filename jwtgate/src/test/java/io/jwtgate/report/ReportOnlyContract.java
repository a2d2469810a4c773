package io.jwtgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.store.Database;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.token.AccessTokenIssuer;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code jwtgate.enforcement=report-only} over real HTTP (issue 10 item 3): every kind of refusal
 * reaches the application (the echo servlet's 200), anonymous when the credentials were bad and as
 * the caller when they were good, and leaves exactly one {@code would_refuse} row with its rule,
 * reason, method, path and status and without the token. A store outage stays a 503, and a flood is
 * recorded in bounded form with exact counts. Each test sends from its own client address
 * ({@code X-Forwarded-For}, 127.0.0.1 is trusted) and reads back only that address's rows; the
 * clock moves a minute before each test, so every test starts with a fresh flood budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportOnlyContract {

    static final String RULES = String.join("\n",
            "GET        /api/messages/**   -> scope:messages:read",
            "GET,POST   /admin/**          -> role:admin",
            "           /public/**         -> permit",
            "           /closed/**         -> deny",
            "           /flood/**          -> role:admin",
            "           /**                -> authenticated");
    static final String AUTHENTICATED_RULE = "/** -> authenticated";
    static final String ADMIN_RULE = "GET,POST /admin/** -> role:admin";
    static final String FLOOD_RULE = "/flood/** -> role:admin";
    static final String WRONG = "wrong report-only guess";

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final MutableClock clock = new MutableClock(Instant.now());
    private Path dir;
    private Map<String, String> params;
    private Server h2;
    private Container.Apps apps;
    private Http http;
    private Http down;
    private String address;
    private List<String> startWarnings;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Secrets.remember(WRONG);
        dir = Files.createTempDirectory("jwtgate-report-only");
        params = TestSettings.params(dir);
        params.put("jwtgate.rules", RULES);
        params.put("jwtgate.enforcement", "report-only");
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.trusted-proxies", "127.0.0.1, ::1");
        Seed.users(params);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        h2 = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists",
                "-baseDir", dir.resolve("h2").toString()).start();
        Map<String, String> outage = TestSettings.params(Files.createDirectories(dir.resolve("down")));
        outage.put("jwtgate.jdbc.url", "jdbc:h2:tcp://127.0.0.1:" + port + "/jwtgate");
        outage.put("jwtgate.enforcement", "report-only");
        outage.put("jwtgate.basic-auth", "allow");
        Seed.users(outage);
        Map<String, Object> attributes = Map.of("io.jwtgate.clock", clock);
        int mark = LogCapture.lines().size();
        apps = container().startApps(List.of(new Container.App(Container.CONTEXT_PATH, params, attributes),
                new Container.App("/down", outage, attributes)), dir);
        http = apps.http(Container.CONTEXT_PATH);
        down = apps.http("/down");
        List<String> lines = LogCapture.lines();
        startWarnings = lines.subList(mark, lines.size()).stream().filter(l -> l.contains("does NOT enforce")).toList();
    }

    @AfterAll
    void stop() {
        apps.close();
        h2.stop();
    }

    @BeforeEach
    void freshMinuteAndAddress() {
        clock.advance(Duration.ofMinutes(1));
        address = nextAddress();
    }

    /** A client address no other test of this JVM sends from. */
    private static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    // ---- helpers ----

    private AccessTokenIssuer issuerAt(Clock at) {
        return new AccessTokenIssuer(KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes())),
                "jwtgate", "jwtgate" + Container.CONTEXT_PATH, at);
    }

    private String token(Clock at, Set<String> roles, Set<String> scopes) {
        String token = issuerAt(at).issue("sub-alice", "alice", roles, scopes, "sid-report", Duration.ofMinutes(5))
                .token();
        Secrets.remember(token);
        return token;
    }

    private String aliceToken() {
        return token(clock, Set.of("user"), Set.of("messages:read", "messages:send"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Http.Response get(String path, String... headers) {
        List<String> pairs = new ArrayList<>(List.of(headers));
        pairs.add("X-Forwarded-For");
        pairs.add(address);
        return http.get(path, pairs.toArray(new String[0]));
    }

    private Http.Response raw(String method, String target, String... headerLines) {
        List<String> lines = new ArrayList<>(List.of(headerLines));
        lines.add("X-Forwarded-For: " + address);
        return http.raw(method, target, lines, null);
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    /** One stored event, read back through JDBC. */
    record Row(String username, String address, JsonNode details, String raw) {
    }

    private String storeUrl() {
        return TestSettings.appStoreUrl(dir);
    }

    /** Every would_refuse row, oldest first. */
    private List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(storeUrl());
                PreparedStatement p = c.prepareStatement("SELECT username, client_address, details"
                        + " FROM jwtgate_audit_events WHERE event = ? ORDER BY occurred_at")) {
            p.setString(1, WouldRefuseAudit.EVENT);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String details = rs.getString(3);
                    rows.add(new Row(rs.getString(1), rs.getString(2),
                            StrictJson.parse(details.getBytes(StandardCharsets.UTF_8)), details));
                }
            }
        }
        return rows;
    }

    /** The would_refuse rows of this test's client address. */
    private List<Row> myRows() throws Exception {
        return rows().stream().filter(r -> address.equals(r.address())).toList();
    }

    /**
     * The response came from the application (the echo servlet's 200) as {@code principal} (null:
     * anonymous), and this test's address has exactly one would_refuse row, with these facts and
     * without {@code secret} anywhere in it.
     */
    private Row assertPassedAndReported(Http.Response r, String principal, String rule, String reason, int status,
            String method, String path, String secret) throws Exception {
        assertEquals(200, r.status(), r.toString());
        JsonNode body = json(r);
        assertEquals("app", body.get("reached").textValue());
        assertEquals(principal, body.get("principal").textValue(), r.body());
        assertEquals(List.of(), r.headers("WWW-Authenticate"), "report-only never challenges");
        List<Row> rows = myRows();
        assertEquals(1, rows.size(), "one would_refuse per refused request: " + rows);
        Row row = rows.get(0);
        JsonNode d = row.details();
        assertEquals(rule, d.get("rule").textValue(), row.raw());
        assertEquals(reason, d.get("reason").textValue(), row.raw());
        assertEquals(Integer.toString(status), d.get("status").textValue(), row.raw());
        assertEquals(method, d.get("method").textValue(), row.raw());
        assertEquals(path, d.get("path").textValue(), row.raw());
        assertEquals(address, row.address());
        if (secret != null) {
            assertFalse(row.raw().contains(secret), "the row holds no token or password: " + row.raw());
        }
        return row;
    }

    // ---- refusals by credentials: anonymous ----

    @Test
    void noCredentialsOnAProtectedPathPassesAnonymouslyAndIsReportedAsNoCredentials() throws Exception {
        Http.Response r = get("/api/hello");

        Row row = assertPassedAndReported(r, null, AUTHENTICATED_RULE, "no_credentials", 401, "GET", "/api/hello",
                null);
        assertNull(row.username());
    }

    @Test
    void invalidTokenPassesAnonymouslyAndIsReportedWithoutTheToken() throws Exception {
        String good = aliceToken();
        String forged = good.substring(0, good.length() - 6) + (good.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        Secrets.remember(forged);

        Http.Response r = get("/api/hello", "Authorization", "Bearer " + forged);

        assertPassedAndReported(r, null, AUTHENTICATED_RULE, "invalid_token", 401, "GET", "/api/hello", forged);
    }

    @Test
    void expiredTokenPassesAnonymouslyAndIsReportedAsExpired() throws Exception {
        String expired = token(Clock.fixed(clock.instant().minus(Duration.ofHours(1)), ZoneOffset.UTC),
                Set.of("user"), Set.of());

        Http.Response r = get("/api/hello", "Authorization", "Bearer " + expired);

        assertPassedAndReported(r, null, AUTHENTICATED_RULE, "expired_token", 401, "GET", "/api/hello", expired);
    }

    @Test
    void revokedTokenPassesAnonymouslyAndIsReportedAsRevoked() throws Exception {
        Http.Response login = http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, login.status(), login.body());
        String token = json(login).get("access_token").textValue();
        assertEquals(204, http.postJson("/auth/logout", "{}", "Authorization", "Bearer " + token).status(),
                "the login servlet answers as always in report-only");

        Http.Response r = get("/api/hello", "Authorization", "Bearer " + token);

        assertPassedAndReported(r, null, AUTHENTICATED_RULE, "revoked_token", 401, "GET", "/api/hello", token);
    }

    @Test
    void malformedAuthorizationHeaderPassesAnonymouslyAndIsReportedAsInvalidRequest() throws Exception {
        String token = aliceToken();

        Http.Response r = raw("GET", "/app/api/hello", "Authorization: Bearer " + token,
                "Authorization: Bearer " + token);

        assertPassedAndReported(r, null, AUTHENTICATED_RULE, "invalid_request", 400, "GET", "/api/hello", token);
    }

    @Test
    void queryTokenPassesAnonymouslyAndIsReportedWithoutTheQueryString() throws Exception {
        String token = aliceToken();

        Http.Response r = get("/api/hello?access_token=" + token);

        Row row = assertPassedAndReported(r, null, AUTHENTICATED_RULE, "query_token", 400, "GET", "/api/hello",
                token);
        assertFalse(row.raw().contains("access_token"), row.raw());
    }

    @Test
    void wrongBasicPasswordPassesAnonymouslyAndIsReportedAsInvalidCredentials() throws Exception {
        Http.Response r = get("/api/hello", "Authorization", basic("alice", WRONG));

        assertPassedAndReported(r, null, AUTHENTICATED_RULE, "invalid_credentials", 401, "GET", "/api/hello",
                WRONG);
    }

    @Test
    void crossOriginBasicPostPassesAnonymouslyAndIsReportedAsCrossOriginBasic() throws Exception {
        Http.Response r = http.post("/api/hello", "text/plain", "x", "Authorization", basic("alice", Seed.PASSWORD),
                "Origin", "https://evil.example", "X-Forwarded-For", address);

        assertPassedAndReported(r, null, AUTHENTICATED_RULE, "cross_origin_basic", 403, "POST", "/api/hello",
                Seed.PASSWORD);
    }

    @Test
    void refusedEncodedPathPassesAnonymouslyAndIsReportedWithoutARule() throws Exception {
        Http.Response r = raw("GET", "/app/admin/x%3B", "Authorization: Bearer " + aliceToken());

        assertPassedAndReported(r, null, "(none)", "path_refused", 400, "GET", "/admin/x;", null);
    }

    // ---- refusals by rules: the caller is kept ----

    @Test
    void missingRolePassesAsTheCallerAndIsReportedAsForbiddenUnderTheAdminRule() throws Exception {
        Http.Response r = get("/admin/users", "Authorization", "Bearer " + aliceToken());

        Row row = assertPassedAndReported(r, "alice", ADMIN_RULE, "forbidden", 403, "GET", "/admin/users", null);
        assertEquals("alice", row.username());
        assertFalse(json(r).get("isAdmin").booleanValue(), "roles are still the token's");
    }

    @Test
    void missingScopePassesAsTheCallerAndIsReportedAsInsufficientScope() throws Exception {
        Http.Response r = get("/api/messages/1", "Authorization", "Bearer " + token(clock, Set.of("user"), Set.of()));

        Row row = assertPassedAndReported(r, "alice", "GET /api/messages/** -> scope:messages:read",
                "insufficient_scope", 403, "GET", "/api/messages/1", null);
        assertEquals("alice", row.username());
    }

    @Test
    void denyRulePassesAsTheCallerOrAnonymousAndIsReportedOnceAsDenied() throws Exception {
        Http.Response r = get("/closed/x", "Authorization", "Bearer " + aliceToken());

        assertPassedAndReported(r, "alice", "/closed/** -> deny", "denied", 403, "GET", "/closed/x", null);

        address = nextAddress();
        Http.Response bad = get("/closed/x", "Authorization", "Bearer not-a-token-at-all");
        assertPassedAndReported(bad, null, "/closed/** -> deny", "denied", 403, "GET", "/closed/x", null);
    }

    // ---- what is not a refusal ----

    @Test
    void goodCredentialsAndPermitPathsLeaveNoWouldRefuseRow() throws Exception {
        Http.Response bearer = get("/api/hello", "Authorization", "Bearer " + aliceToken());
        Http.Response basic = get("/api/hello", "Authorization", basic("bob", Seed.PASSWORD));
        Http.Response open = get("/public/page");

        assertEquals("alice", json(bearer).get("principal").textValue());
        assertEquals("BEARER", json(bearer).get("authType").textValue());
        assertEquals("bob", json(basic).get("principal").textValue());
        assertNull(json(open).get("principal").textValue());
        assertEquals(List.of(), myRows());
    }

    @Test
    void loginServletStillAnswersWrongPasswordsWith401() throws Exception {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + WRONG + "\"}",
                "X-Forwarded-For", address);

        assertEquals(401, r.status(), r.body());
        assertEquals("invalid_grant", json(r).get("error").textValue());
        assertEquals(List.of(), myRows(), "the login servlet's answers are not would-refusals");
    }

    @Test
    void storeOutageStays503InReportOnly() {
        assertEquals(200, down.get("/api/hello", "Authorization", basic("alice", Seed.PASSWORD)).status(),
                "control: Basic works");
        h2.stop();

        // bob, not alice: alice's credentials are in the Basic cache and would not need the store.
        Http.Response r = down.get("/api/hello", "Authorization", basic("bob", Seed.PASSWORD));

        assertEquals(503, r.status(), r.body());
        assertEquals("temporarily_unavailable", json(r).get("error").textValue());
        assertFalse(r.body().contains("\"reached\""), "a store fault is not a refusal to report: " + r.body());
    }

    @Test
    void refusalIsLoggedAsOneWarningLineWithoutTheToken() throws Exception {
        String token = token(clock, Set.of("user"), Set.of());
        int mark = LogCapture.lines().size();

        get("/admin/log-check", "Authorization", "Bearer " + token);

        List<String> lines = LogCapture.lines();
        List<String> warnings = lines.subList(mark, lines.size()).stream()
                .filter(l -> l.contains("would refuse") && l.contains("/admin/log-check")).toList();
        assertEquals(1, warnings.size(), String.join("\n", lines.subList(mark, lines.size())));
        assertTrue(warnings.get(0).contains("WARNING"), warnings.get(0));
        assertTrue(warnings.get(0).contains("forbidden") && warnings.get(0).contains(ADMIN_RULE), warnings.get(0));
        assertFalse(warnings.get(0).contains(token), warnings.get(0));
    }

    @Test
    void startInReportOnlyLogsOneWarningPerApplicationThatJwtGateDoesNotEnforce() {
        assertEquals(2, startWarnings.size(), startWarnings.toString());
        assertTrue(startWarnings.stream().anyMatch(l -> l.contains("JwtGate for " + Container.CONTEXT_PATH + " ")),
                startWarnings.toString());
        assertTrue(startWarnings.stream().allMatch(l -> l.contains("WARNING")), startWarnings.toString());
    }

    // ---- flood bound and summary ----

    @Test
    void floodIsBoundedPerRuleAndReasonAndTheReportCountsEveryRequest() throws Exception {
        Instant since = clock.instant();
        int flood = WouldRefuseAudit.PER_PAIR + 7;
        for (int i = 0; i < flood; i++) {
            assertEquals(200, get("/flood/" + i).status());
        }
        assertEquals(WouldRefuseAudit.PER_PAIR, myRows().size(), "the rest of the minute is only counted");

        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, get("/flood/next").status());

        List<Row> all = rows().stream().filter(r -> FLOOD_RULE.equals(r.details().get("rule").textValue())).toList();
        List<Row> summaries = all.stream().filter(r -> r.details().has("suppressed")).toList();
        assertEquals(1, summaries.size(), all.toString());
        assertEquals("7", summaries.get(0).details().get("suppressed").textValue());
        assertEquals(FLOOD_RULE, summaries.get(0).details().get("rule").textValue());
        assertEquals("no_credentials", summaries.get(0).details().get("reason").textValue());
        assertEquals(WouldRefuseAudit.PER_PAIR + 1, myRows().size());

        try (Database db = Database.open(TestSettings.settings(params), clock)) {
            List<WouldRefuseReport.Row> report = new WouldRefuseReport(db).rows(since);
            WouldRefuseReport.Row flooded = report.stream()
                    .filter(r -> r.rule().equals(FLOOD_RULE)).findFirst().orElseThrow();
            assertEquals(flood + 1, flooded.count(), report.toString());
            assertEquals("no_credentials", flooded.reason());
        }
    }
}
