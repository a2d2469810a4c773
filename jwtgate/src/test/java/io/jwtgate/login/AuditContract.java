package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.store.AuditText;
import io.jwtgate.support.Container;
import io.jwtgate.support.FailureRows;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit trail over real HTTP, read back from the table (JDBC) and from the captured log: names
 * holding control, bidirectional and field-like text are stored and logged escaped, the log line is
 * one JSON object, and wrong Basic passwords are audited once per account, address group and
 * window with the count of the rest. Each test names its own client address in
 * {@code X-Forwarded-For} (the container trusts 127.0.0.1) and reads back only that address's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditContract {

    static final String WRONG = "wrong audit guess";
    static final int MAX_FAILURES = 4;
    static final Duration WINDOW = Duration.ofMinutes(5);

    private Path dir;
    private final MutableClock clock = new MutableClock(Instant.now());
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Secrets.remember(WRONG);
        dir = Files.createTempDirectory("jwtgate-audit");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.login.max-failures", Integer.toString(MAX_FAILURES));
        params.put("jwtgate.login.lockout", WINDOW.toString());
        params.put("jwtgate.trusted-proxies", "127.0.0.1, ::1");
        Seed.users(params);
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
            for (String name : List.of("guessed", "locked", "working")) {
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

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Http.Response basicGet(String user, String password, String from) {
        return http.get("/api/hello", "Authorization", basic(user, password), "X-Forwarded-For", from);
    }

    /** One stored event, as read back through JDBC. */
    record Row(String event, String username, String address, JsonNode details) {
    }

    /** The rows of {@code event} stored for a client address, oldest first. */
    private List<Row> rows(String event, String address) throws Exception {
        String url = TestSettings.appStoreUrl(dir);
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement("SELECT event, username, client_address, details"
                        + " FROM jwtgate_audit_events WHERE event = ? AND client_address = ? ORDER BY occurred_at")) {
            p.setString(1, event);
            p.setString(2, address);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                            StrictJson.parse(rs.getString(4).getBytes(StandardCharsets.UTF_8))));
                }
            }
        }
        return rows;
    }

    /** Where a test's log begins: both containers' classes log the same addresses in one run. */
    private static int logMark() {
        return LogCapture.lines().size();
    }

    /**
     * The audit log lines for a client address since {@code mark}: the message after
     * {@code audit }, which must be the whole rest of the captured record, parsed as JSON.
     */
    private static List<JsonNode> logged(int mark, String event, String address) {
        List<JsonNode> found = new ArrayList<>();
        List<String> records = LogCapture.lines();
        for (String record : records.subList(mark, records.size())) {
            int at = record.indexOf("audit {");
            if (at < 0) {
                continue;
            }
            String message = record.substring(at + "audit ".length()).stripTrailing();
            assertNoCharacterThatMustBeEscaped(message);
            JsonNode line = StrictJson.parse(message.getBytes(StandardCharsets.UTF_8));
            if (event.equals(line.path("event").textValue()) && address.equals(line.path("address").textValue())) {
                found.add(line);
            }
        }
        return found;
    }

    private static void assertNoCharacterThatMustBeEscaped(String text) {
        text.codePoints().filter(AuditText::mustEscape).findFirst().ifPresent(cp -> {
            throw new AssertionError("raw U+" + Integer.toHexString(cp) + " in " + text.replaceAll("\\p{C}", "?"));
        });
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void assertStoredAndLoggedAlike(Row row, JsonNode line) {
        assertEquals(List.of("event", "user", "address", "details"), fieldNames(line), line.toString());
        assertEquals(row.event(), line.get("event").textValue());
        assertEquals(row.username(), line.get("user").textValue());
        assertEquals(row.address(), line.get("address").textValue());
        assertEquals(row.details(), line.get("details"));
        assertNoCharacterThatMustBeEscaped(row.username());
        assertNoCharacterThatMustBeEscaped(row.details().toString());
    }

    // The read-back: what an operator sees in the table and in the log.

    @Test
    void loginNameWithLineBreaksEscapeAndBidiControlsIsStoredAndLoggedEscapedAsOneJsonObject() throws Exception {
        int mark = logMark();
        String from = "192.0.2.31";
        String typed = "eve\r\n\u001b[31m\u202eadmin user=admin address=1.2.3.4";
        String body = StrictJson.mapper().createObjectNode().put("username", typed).put("password", WRONG).toString();
        assertEquals(401, http.postJson("/auth/login", body, "X-Forwarded-For", from).status());

        List<Row> rows = rows("login_failure", from);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("eve\\u000d\\u000a\\u001b[31m\\u202eadmin user=admin address=1.2.3.4", rows.get(0).username());
        assertEquals(StrictJson.mapper().createObjectNode().put("reason", "unknown_user"), rows.get(0).details());
        List<JsonNode> lines = logged(mark, "login_failure", from);
        assertEquals(1, lines.size(), lines.toString());
        assertStoredAndLoggedAlike(rows.get(0), lines.get(0));
    }

    @Test
    void basicNameWithBidiC1AndInvisibleCharactersIsStoredAndLoggedEscaped() throws Exception {
        int mark = logMark();
        // Basic refuses C0 and DEL itself (400); C1 (U+009B is a terminal's CSI), U+2028, bidi and
        // zero-width characters reach the check and the audit.
        String from = "192.0.2.32";
        String typed = "mallory\u202e\u009b31m\u2028\u200b\u2066 user=admin\\u202e";
        assertEquals(401, basicGet(typed, WRONG, from).status());

        List<Row> rows = rows("login_failure", from);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("mallory\\u202e\\u009b31m\\u2028\\u200b\\u2066 user=admin\\\\u202e", rows.get(0).username());
        assertEquals(from, rows.get(0).address());
        List<JsonNode> lines = logged(mark, "login_failure", from);
        assertEquals(1, lines.size(), lines.toString());
        assertStoredAndLoggedAlike(rows.get(0), lines.get(0));
    }

    // Wrong Basic passwords.

    private static JsonNode basicFailure(String reason, int suppressed) {
        return StrictJson.mapper().createObjectNode().put("method", "basic").put("reason", reason)
                .put("suppressed", Integer.toString(suppressed));
    }

    @Test
    void wrongBasicPasswordsAreStoredOncePerWindowAndAddressGroupWithTheCountOfTheRest() throws Exception {
        int mark = logMark();
        String from = "2001:db8:31:0:0:0:0:1";
        String sameSlash64 = "2001:db8:31:0:0:0:0:2";
        String elsewhere = "192.0.2.33";
        assertEquals(401, basicGet("guessed", WRONG, from).status());
        assertEquals(401, basicGet("guessed", WRONG + "2", sameSlash64).status());
        assertEquals(401, basicGet("guessed", WRONG + "3", from).status());
        assertEquals(401, basicGet("guessed", WRONG, elsewhere).status());

        List<Row> first = rows("login_failure", from);
        assertEquals(1, first.size(), first.toString());
        assertEquals("guessed", first.get(0).username());
        assertEquals(basicFailure("wrong_password", 0), first.get(0).details());
        assertEquals(List.of(), rows("login_failure", sameSlash64), "one /64 is one address group");
        assertEquals(1, rows("login_failure", elsewhere).size(), "another address group has its own window");
        assertEquals(1, logged(mark, "login_failure", from).size());

        // The audit window runs in this node's time, the lockout in the database's (decision 530):
        // both pass here, or the fifth guess would be refused before its password is checked.
        clock.advance(WINDOW.plusSeconds(1));
        try (Connection c = DriverManager.getConnection(TestSettings.appStoreUrl(dir))) {
            FailureRows.age(c, WINDOW.plusSeconds(1));
        }
        assertEquals(401, basicGet("guessed", WRONG, sameSlash64).status());
        List<Row> next = rows("login_failure", sameSlash64);
        assertEquals(1, next.size(), next.toString());
        assertEquals(basicFailure("wrong_password", 2), next.get(0).details());
        assertEquals(1, rows("login_failure", from).size());
        assertEquals(1, logged(mark, "login_failure", sameSlash64).size());
    }

    @Test
    void unknownBasicNameIsAuditedAsTyped() throws Exception {
        String from = "192.0.2.34";
        assertEquals(401, basicGet("No.Such-User", WRONG, from).status());
        assertEquals(401, basicGet("No.Such-User", WRONG + "2", from).status());
        List<Row> rows = rows("login_failure", from);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("No.Such-User", rows.get(0).username());
        assertEquals(basicFailure("unknown_user", 0), rows.get(0).details());
    }

    @Test
    void wrongBasicPasswordsStillLockTheAccountWhileTheirAuditIsCounted() throws Exception {
        String from = "192.0.2.35";
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertEquals(401, basicGet("locked", WRONG, from).status());
        }
        assertEquals(429, basicGet("locked", Seed.PASSWORD, from).status());
        assertEquals(1, rows("login_failure", from).size());
        assertEquals(1, rows("lockout", from).size());
    }

    @Test
    void rightBasicPasswordStillAuthenticatesAfterAnAuditedFailure() throws Exception {
        String from = "192.0.2.36";
        assertEquals(401, basicGet("working", WRONG, from).status());
        Http.Response ok = basicGet("working", Seed.PASSWORD, from);
        assertEquals(200, ok.status(), ok.body());
        assertEquals(1, rows("login_failure", from).size());
    }
}
