package io.jwtgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outside review of {@code jwtgate.enforcement=report-only} (issue 10 item 3) over real HTTP: a
 * locked-out account must not get its principal back in report-only, and what a client chooses
 * (the method, a Basic user name with line breaks and terminal escapes) must not reach the log raw
 * or unbounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportOnlyAttackContract {

    private static final String RULES = String.join("\n",
            "/closed/** -> deny",
            "/admin/**  -> role:admin",
            "/**        -> authenticated");
    private static final String WRONG = "wrong report-only attack guess";
    private static final String RIGHT = Seed.PASSWORD;
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final MutableClock clock = new MutableClock(Instant.now());
    private Container.Apps apps;
    private Http http;
    private String address;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Secrets.remember(WRONG);
        Path dir = Files.createTempDirectory("jwtgate-report-only-attack");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.rules", RULES);
        params.put("jwtgate.enforcement", "report-only");
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.trusted-proxies", "127.0.0.1, ::1");
        params.put("jwtgate.login.max-failures", "3");
        Seed.users(params);
        apps = container().startApps(List.of(new Container.App(Container.CONTEXT_PATH, params,
                Map.of("io.jwtgate.clock", clock))), dir);
        http = apps.http(Container.CONTEXT_PATH);
    }

    @AfterAll
    void stop() {
        apps.close();
    }

    @BeforeEach
    void freshMinuteAndAddress() {
        clock.advance(Duration.ofMinutes(1));
        int n = ADDRESSES.incrementAndGet();
        address = "203.0." + (100 + n / 250) + "." + (n % 250 + 1);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Http.Response get(String path, String authorization) {
        return http.get(path, "Authorization", authorization, "X-Forwarded-For", address);
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> logSince(int mark) {
        List<String> lines = LogCapture.lines();
        return List.copyOf(lines.subList(Math.min(mark, lines.size()), lines.size()));
    }

    @Test
    void rightBasicPasswordOfALockedOutAccountPassesAnonymouslyInReportOnly() {
        for (int i = 0; i < 3; i++) {
            Http.Response r = get("/api/x", basic("bob", WRONG));
            assertEquals(200, r.status(), r.toString());
            assertTrue(json(r).get("principal").isNull(), r.body());
        }
        Http.Response r = get("/api/x", basic("bob", RIGHT));

        assertEquals(200, r.status(), r.toString());
        assertTrue(json(r).get("principal").isNull(), "a locked-out account gets no principal: " + r.body());
    }

    /** The control of the lockout probe (another account: a lockout spans every address). */
    @Test
    void rightBasicPasswordPassesAsTheCallerInReportOnly() {
        Http.Response r = get("/api/x", basic("alice", RIGHT));

        assertEquals(200, r.status(), r.toString());
        assertEquals("alice", json(r).get("principal").textValue(), r.body());
    }

    /**
     * The method is a token a client chooses and a container accepts up to its header size; the
     * would-be refusal's log line cuts the path to 120 characters and must bound the method too.
     */
    @Test
    void longMethodIsNotCopiedWholeIntoTheWouldRefuseLogLine() {
        String method = "X".repeat(4000);
        int mark = LogCapture.lines().size();

        Http.Response r = http.raw(method, Container.CONTEXT_PATH + "/closed/long-method",
                List.of("X-Forwarded-For: " + address), null);

        List<String> lines = logSince(mark).stream().filter(l -> l.contains("/closed/long-method")).toList();
        assertTrue(r.status() == 200 || r.status() == 400 || r.status() == 405 || r.status() == 501, r.toString());
        for (String line : lines) {
            assertFalse(line.contains(method), "the log line holds the whole 4000-character method: "
                    + line.length() + " characters");
        }
    }

    /** A Basic user name is any text the client encodes: line breaks and terminal escapes must not reach a log raw. */
    @Test
    void basicUserNameWithLineBreaksAndTerminalEscapesIsNotLoggedRaw() {
        String forged = "mallory\r\nSEVERE: forged-by-attack2 \u001b[2J\u001b[31m";
        int mark = LogCapture.lines().size();

        Http.Response r = get("/api/x", basic(forged, WRONG));

        assertEquals(200, r.status(), r.toString());
        List<String> lines = logSince(mark);
        assertTrue(lines.stream().anyMatch(l -> l.contains("would refuse")), String.join("", lines));
        for (String line : lines) {
            assertFalse(line.contains("\u001b"), "a terminal escape reached the log: " + line);
            assertFalse(line.contains("\nSEVERE: forged-by-attack2"), "a forged log line: " + line);
        }
    }

    /** An odd path (CR/LF and ESC percent-encoded) is refused in enforce; in report-only it passes and is logged escaped. */
    @Test
    void encodedLineBreaksAndEscapesInThePathAreNotLoggedRaw() {
        int mark = LogCapture.lines().size();

        Http.Response r = http.raw("GET", Container.CONTEXT_PATH + "/api/a%0d%0aSEVERE:%20forged-path%1b%5b2J",
                List.of("X-Forwarded-For: " + address), null);

        assertTrue(r.status() < 500, r.toString());
        for (String line : logSince(mark)) {
            assertFalse(line.contains("\u001b"), "a terminal escape reached the log: " + line);
            assertFalse(line.contains("\nSEVERE: forged-path"), "a forged log line: " + line);
        }
    }
}
