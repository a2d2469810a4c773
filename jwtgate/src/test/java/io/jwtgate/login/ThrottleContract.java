package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.FailureRows;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
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
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Lockout per account, the lockout race, the address limit (IPv6 prefixes, forwarded hops) and
 * the registration throttle over real HTTP; run once per container. The container trusts
 * 127.0.0.1 as a proxy, so every test names its own client address in {@code X-Forwarded-For}
 * and no test spends another's address budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThrottleContract {

    static final String WRONG = "wrong guess 1";
    static final String NEW_PASSWORD = "plum Vortex 93 quietly";
    static final int MAX_FAILURES = 3;
    static final int ADDRESS_MAX = 10;
    static final int REGISTER_MAX = 3;

    private Path dir;
    private final MutableClock clock = new MutableClock(Instant.now());
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Secrets.remember(WRONG);
        Secrets.remember(NEW_PASSWORD);
        for (int i = 0; i < 8; i++) {
            Secrets.remember("wrong guess " + i);
        }
        dir = Files.createTempDirectory("jwtgate-throttle");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.register.enabled", "true");
        params.put("jwtgate.register.address-max", Integer.toString(REGISTER_MAX));
        params.put("jwtgate.login.max-failures", Integer.toString(MAX_FAILURES));
        params.put("jwtgate.login.address-max-failures", Integer.toString(ADDRESS_MAX));
        params.put("jwtgate.trusted-proxies", "127.0.0.1, ::1");
        Seed.users(params);
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
            for (String name : List.of("multi", "basicmix", "changer", "racer", "racer2", "v6user")) {
                gate.accounts().create(name, name + "@example.org", Seed.PASSWORD, Set.of("user"));
            }
        }
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

    private Http.Response login(String field, String name, String password, String forwardedFor) {
        String body = StrictJson.mapper().createObjectNode().put(field, name).put("password", password).toString();
        return http.postJson("/auth/login", body, "X-Forwarded-For", forwardedFor);
    }

    private Http.Response byName(String name, String password, String forwardedFor) {
        return login("username", name, password, forwardedFor);
    }

    private Http.Response byEmail(String email, String password, String forwardedFor) {
        return login("email", email, password, forwardedFor);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Windows run in the database's time (decision 530): moving this node's clock on ends none,
     * so the tests above first show that, then let the time pass for the stored rows.
     */
    private void databaseTimePasses(Duration by) throws Exception {
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir))) {
            assertTrue(FailureRows.age(c, by) > 0, "no failure rows stored");
        }
    }

    private List<String> audit(String event) throws Exception {
        String url = TestSettings.appStoreUrl(dir);
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement(
                        "SELECT username, client_address FROM jwtgate_audit_events WHERE event = ?")) {
            p.setString(1, event);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2));
                }
            }
        }
        return rows;
    }

    private void assertLocked(Http.Response r) {
        assertEquals(429, r.status(), r.body());
        assertEquals("too_many_attempts", json(r).get("error").textValue());
        assertTrue(Long.parseLong(r.header("Retry-After")) > 0);
    }

    // Item 2: one budget per account however it is named.

    @Test
    void usernameAndEverySpellingOfTheEmailShareOneBudget() throws Exception {
        String from = "192.0.2.21";
        assertEquals(401, byName("multi", WRONG, from).status());
        assertEquals(401, byEmail("Multi@Example.org", WRONG, from).status());
        assertEquals(401, byEmail("MULTI@EXAMPLE.ORG", WRONG, from).status());
        assertLocked(byEmail("multi@example.org", Seed.PASSWORD, from));
        assertLocked(byName("multi", Seed.PASSWORD, "192.0.2.22"));
        assertTrue(audit("lockout").contains("MULTI@EXAMPLE.ORG|" + from), "lockout audited with the name as typed: "
                + audit("lockout"));
    }

    @Test
    void unknownEmailSpellingsShareOneBudget() {
        String from = "192.0.2.23";
        assertEquals(401, byEmail("nobody@example.org", WRONG, from).status());
        assertEquals(401, byEmail("NoBody@Example.org", WRONG, from).status());
        assertEquals(401, byEmail("NOBODY@EXAMPLE.ORG", WRONG, from).status());
        assertLocked(byEmail("nobody@EXAMPLE.org", WRONG, from));
    }

    @Test
    void basicAndLoginByEmailShareTheAccountsBudget() {
        String from = "192.0.2.24";
        assertEquals(401, byEmail("BasicMix@example.org", WRONG, from).status());
        assertEquals(401, byEmail("basicmix@example.org", WRONG, from).status());
        assertEquals(401, http.get("/api/hello", "Authorization", basic("basicmix", WRONG), "X-Forwarded-For", from)
                .status());
        assertLocked(http.get("/api/hello", "Authorization", basic("basicmix", Seed.PASSWORD), "X-Forwarded-For",
                from));
        assertLocked(byName("basicmix", Seed.PASSWORD, from));
    }

    @Test
    void wrongCurrentPasswordsAtPasswordChangeSpendTheAccountsBudget() {
        String from = "192.0.2.25";
        String token = json(byName("changer", Seed.PASSWORD, from)).get("access_token").textValue();
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertEquals(403, http.postJson("/auth/password", "{\"current_password\":\"" + WRONG
                    + "\",\"new_password\":\"" + NEW_PASSWORD + "\"}", "Authorization", "Bearer " + token,
                    "X-Forwarded-For", from).status());
        }
        assertLocked(byEmail("Changer@Example.org", Seed.PASSWORD, from));
    }

    @Test
    void namesWithSurroundingWhitespaceGetTheAnswerOfAnUnknownName() {
        String from = "192.0.2.26";
        Http.Response unknown = byName("nosuchuser", Seed.PASSWORD, from);
        List<String> names = List.of("alice ", " alice", "alice\t", "alice\u00a0", "alice   ");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Http.Response r = byName(name, Seed.PASSWORD, "192.0.2." + (110 + i));
            assertEquals(401, r.status(), "'" + name + "'");
            assertEquals(unknown.body(), r.body());
            assertEquals(unknown.headers("WWW-Authenticate"), r.headers("WWW-Authenticate"));
        }
        Http.Response mail = byEmail("alice@example.org ", Seed.PASSWORD, "192.0.2.27");
        assertEquals(401, mail.status());
        assertEquals(unknown.body(), mail.body());
    }

    @Test
    void usernamesWithSurroundingWhitespaceAreRefusedAtRegistration() {
        List<String> names = List.of(" padded", "padded ", "padded\t", "\u2003padded");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Http.Response r = http.postJson("/auth/register", StrictJson.mapper().createObjectNode()
                    .put("username", name).put("password", NEW_PASSWORD).toString(),
                    "X-Forwarded-For", "192.0.2." + (120 + i));
            assertEquals(422, r.status(), "'" + name + "'");
            assertEquals("invalid_request", json(r).get("error").textValue());
        }
    }

    // Item 3: the lockout race.

    private List<Integer> parallel(int n, java.util.function.IntFunction<Http.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return request.apply(index).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void parallelWrongGuessesSpendTheBudgetOneByOne() throws Exception {
        String from = "192.0.2.41";
        List<Integer> statuses = parallel(8, i -> byName("racer", "wrong guess " + i, from));
        long checked = statuses.stream().filter(s -> s == 401).count();
        assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
        assertTrue(checked <= MAX_FAILURES, checked + " of 8 parallel guesses had their password checked: " + statuses);
        int sequential = 0;
        Http.Response r;
        while ((r = byName("racer", WRONG, from)).status() == 401) {
            sequential++;
            assertTrue(sequential <= MAX_FAILURES, "never locked");
        }
        assertLocked(r);
        assertEquals(MAX_FAILURES, checked + sequential, "parallel " + statuses + " then " + sequential);
    }

    @Test
    void afterParallelGuessesTheRightPasswordIsLockedOutUntilTheWindowPasses() throws Exception {
        String from = "192.0.2.42";
        List<Integer> statuses = parallel(8, i -> byEmail("Racer2@example.org", "wrong guess " + i, from));
        long left = MAX_FAILURES - statuses.stream().filter(s -> s == 401).count();
        for (int i = 0; i < left; i++) {
            assertEquals(401, byName("racer2", WRONG, from).status());
        }
        assertLocked(byName("racer2", Seed.PASSWORD, from));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertLocked(byName("racer2", Seed.PASSWORD, from));
        databaseTimePasses(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals(200, byName("racer2", Seed.PASSWORD, from).status());
    }

    @Test
    void successfulLoginsLeaveNoAttemptOnTheAddress() {
        String from = "192.0.2.43";
        for (int i = 0; i < ADDRESS_MAX + 2; i++) {
            assertEquals(200, byName("alice", Seed.PASSWORD, from).status(), "login " + i);
        }
        assertEquals(401, byName("alice", WRONG, from).status());
    }

    // Item 4: the address limit.

    private void spendAddressBudget(String forwardedFor, String tag) {
        for (int i = 0; i < ADDRESS_MAX; i++) {
            assertEquals(401, byName("spender-" + tag + "-" + i, WRONG, forwardedFor).status());
        }
    }

    @Test
    void ipv6AddressesInOneSlash64ShareTheAddressBudget() {
        spendAddressBudget("2001:db8:1:2::1", "v6");
        assertLocked(byName("alice", Seed.PASSWORD, "2001:db8:1:2:ffff:ffff:ffff:fffe"));
        assertLocked(byName("alice", Seed.PASSWORD, "[2001:db8:1:2::77]"));
        assertLocked(byName("alice", Seed.PASSWORD, "fe80::1%eth0, 2001:db8:1:2::5%25x"));
        assertEquals(200, byName("alice", Seed.PASSWORD, "2001:db8:1:3::1").status(), "the next /64 is another client");
    }

    @Test
    void ipv4MappedIpv6IsTheIpv4Address() {
        spendAddressBudget("::ffff:198.51.100.61", "mapped");
        assertLocked(byName("alice", Seed.PASSWORD, "198.51.100.61"));
        assertEquals(200, byName("alice", Seed.PASSWORD, "198.51.100.62").status());
    }

    @Test
    void forwardedAddressesWithAndWithoutLeadingZerosShareOneAddressBudget() throws Exception {
        for (int i = 0; i < ADDRESS_MAX; i++) {
            String from = i % 2 == 0 ? "010.0.0.1" : "10.0.0.1";
            assertEquals(401, byName("zeros-" + i, WRONG, from).status(), from);
        }
        assertLocked(byName("alice", Seed.PASSWORD, "010.000.000.001"));
        assertLocked(byName("alice", Seed.PASSWORD, "10.0.0.1"));
        assertEquals(200, byName("alice", Seed.PASSWORD, "10.0.0.2").status());
        assertTrue(audit("login_failure").contains("zeros-0|10.0.0.1"), "audited under the canonical address");
        assertTrue(audit("login_failure").stream().noneMatch(row -> row.endsWith("|010.0.0.1")));
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        for (int i = 0; i < ADDRESS_MAX; i++) {
            // The client may write anything to the left; the proxies append the real hops on the right.
            assertEquals(401, byName("hopper-" + i, WRONG, "10.0.0." + i + ", 198.51.100.71, 127.0.0.1").status());
        }
        assertLocked(byName("alice", Seed.PASSWORD, "198.51.100.71"));
        assertLocked(byName("alice", Seed.PASSWORD, "203.0.113.99, 198.51.100.71, 127.0.0.1, 127.0.0.1"));
        assertEquals(200, byName("alice", Seed.PASSWORD, "198.51.100.71, 198.51.100.72").status());
    }

    @Test
    void malformedHopsAreCountedUnderTheProxyNeverUnderAFreshKey() {
        List<String> malformed = List.of("nonsense", "1.2.3", "999.1.1.1", "[2001:db8::1", "198.51.100.81:65536",
                "2001:db8::1%", "unknown", "198.51.100.81 198.51.100.82", "_hidden", "::ffff:999.1.1.1");
        for (int i = 0; i < ADDRESS_MAX; i++) {
            assertEquals(401, byName("malformed-" + i, WRONG, "198.51.100.80, " + malformed.get(i)).status(),
                    malformed.get(i));
        }
        assertLocked(byName("alice", Seed.PASSWORD, "still not an address"));
        assertEquals(200, byName("alice", Seed.PASSWORD, "198.51.100.80").status());
    }

    @Test
    void forwardedHopsWithAPortAreCountedPerClient() throws Exception {
        // Proxies such as Azure Application Gateway write the client's source port into its hop.
        for (int i = 0; i < ADDRESS_MAX + 2; i++) {
            String from = i % 2 == 0 ? "203.0.113." + (i + 1) + ":" + (40000 + i) : "[2001:db8:5:" + i + "::1]:" + i;
            assertEquals(401, byName("porter-" + i, WRONG, from).status(), from);
        }
        assertEquals(200, byName("alice", Seed.PASSWORD, "198.51.100.200:5555").status(),
                "another client behind the proxy is not locked out by the others' failures");
        assertTrue(audit("login_failure").contains("porter-0|203.0.113.1"), audit("login_failure").toString());
        assertTrue(audit("login_failure").contains("porter-1|2001:db8:5:1:0:0:0:1"));
        for (int i = 0; i < ADDRESS_MAX; i++) {
            assertEquals(401, byName("porter-same-" + i, WRONG, "203.0.113.30:" + (50000 + i)).status());
        }
        assertLocked(byName("alice", Seed.PASSWORD, "203.0.113.30"));
        assertLocked(byName("alice", Seed.PASSWORD, "[::ffff:203.0.113.30]:443"));
        assertEquals(200, byName("alice", Seed.PASSWORD, "203.0.113.31:50000").status());
    }

    @Test
    void nat64AndTranslatedIpv6AreCountedUnderTheirIpv4Client() {
        spendAddressBudget("64:ff9b::198.51.100.91", "nat64");
        assertLocked(byName("alice", Seed.PASSWORD, "198.51.100.91"));
        assertLocked(byName("alice", Seed.PASSWORD, "64:ff9b::c633:645b"));
        assertEquals(200, byName("alice", Seed.PASSWORD, "64:ff9b::198.51.100.92").status(),
                "another IPv4 client behind the same NAT64 gateway");
        spendAddressBudget("::ffff:0:198.51.100.93", "translated");
        assertLocked(byName("alice", Seed.PASSWORD, "198.51.100.93"));
        assertEquals(200, byName("alice", Seed.PASSWORD, "::ffff:0:198.51.100.94").status());
        spendAddressBudget("::198.51.100.95", "compatible");
        assertLocked(byName("alice", Seed.PASSWORD, "::198.51.100.95"));
        assertEquals(200, byName("alice", Seed.PASSWORD, "::198.51.100.96").status(), "counted per address");
    }

    // Item 7: registration.

    private Http.Response register(String name, String forwardedFor) {
        return http.postJson("/auth/register", "{\"username\":\"" + name + "\",\"password\":\"" + NEW_PASSWORD + "\"}",
                "X-Forwarded-For", forwardedFor);
    }

    @Test
    void registrationIsLimitedPerAddressUntilTheWindowPasses() throws Exception {
        String from = "2001:db8:77::1";
        assertEquals(201, register("reg-first", from).status());
        assertEquals(409, register("reg-first", "2001:db8:77::2").status());
        assertEquals(422, register("reg bad", "2001:db8:77::3").status());
        Http.Response limited = register("reg-second", "2001:db8:77::4");
        assertLocked(limited);
        assertTrue(Long.parseLong(limited.header("Retry-After")) <= 3600, limited.header("Retry-After"));
        assertEquals(201, register("reg-elsewhere", "2001:db8:78::1").status());
        assertTrue(audit("register_throttled").contains("null|" + "2001:db8:77:0:0:0:0:3"),
                audit("register_throttled").toString());
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertLocked(register("reg-second", from));
        databaseTimePasses(Duration.ofHours(1).plusSeconds(1));
        assertEquals(201, register("reg-second", from).status());
    }

    @Test
    void successfulRegistrationsThatUseUpTheBudgetGet429TooManyRequestsNotFailedAttempts() {
        String from = "198.51.100.201";
        for (int i = 0; i < REGISTER_MAX; i++) {
            assertEquals(201, register("reg-ok-" + i, from).status());
        }
        Http.Response limited = register("reg-ok-more", from);
        assertLocked(limited);
        assertEquals("{\"error\":\"too_many_attempts\",\"error_description\":"
                + "\"Too many requests from this address, retry later\"}", limited.body());
    }

    @Test
    void registrationRefusedWith422IsAuditedWithTheFieldNotTheRuleText() throws Exception {
        String from = "198.51.100.202";
        assertEquals(422, register("reg bad name", from).status());
        Http.Response weak = http.postJson("/auth/register", "{\"username\":\"reg-weak\",\"password\":\"abcabcabcabc\"}",
                "X-Forwarded-For", from);
        assertEquals(422, weak.status(), weak.body());
        List<String> rows = auditWithDetails("register_refused");
        assertTrue(rows.contains("reg bad name|" + from + "|{\"reason\":\"invalid_input\",\"field\":\"username\"}"),
                rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("reg-weak|" + from + "|") && r.contains("\"field\":\"password\"")
                && r.contains("\"reason\":\"invalid_input\"")), rows.toString());
    }

    private List<String> auditWithDetails(String event) throws Exception {
        String url = TestSettings.appStoreUrl(dir);
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement(
                        "SELECT username, client_address, details FROM jwtgate_audit_events WHERE event = ?")) {
            p.setString(1, event);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
                }
            }
        }
        return rows;
    }
}
