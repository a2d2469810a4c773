package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogAudit;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A finding of the issue-14 outside review (attack14), not caused by JwtGate's code: embedded
 * Tomcat 11, logging at INFO as an operator runs it, writes the whole {@code Authorization} header
 * line, bearer token included, to its log ({@code org.apache.coyote.http11.Http11Processor}, "Error
 * parsing HTTP request header ... The HTTP header line [Authorization: Bearer ...] does not conform")
 * the first time a connection's processor meets a header line it cannot parse: here a good token
 * followed by a vertical tab. Tomcat answers 400 itself, before any filter, so JwtGate never sees the
 * request; only the operator's Tomcat logging settings (for instance
 * {@code -Dorg.apache.juli.logging.UserDataHelper.CONFIG=NONE}, or
 * {@code org.apache.coyote.http11.Http11Processor.level=WARNING}) keep the token out of the log. The
 * harness's Tomcat runs with the first, as {@code operations.md} tells every Tomcat (decision 642);
 * this test fails without it.
 */
class TomcatHeaderLineLogFindingsTest {

    @Test
    void aHeaderLineTomcatCannotParseDoesNotPutTheBearerTokenIntoTheLog() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-header-line-log");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.rules", "/** -> authenticated");
        Seed.users(params);
        try (Container.Running server = Container.TOMCAT.start(params, dir)) {
            assertTrue(server.available(), server.startFailure());
            Http http = server.http();
            Http.Response login = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
            assertEquals(200, login.status(), login.body());
            String token = StrictJson.parse(login.body().getBytes(StandardCharsets.UTF_8)).get("access_token").textValue();
            String answer = http.rawExchange(("GET /app/x HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\u000b\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer.substring(0, Math.min(80, answer.length())));
            List<String> leaks = LogAudit.leaks(LogCapture.lines(), List.of(token));
            // Reported here once; the run-wide log audit is left to judge JwtGate's own logging.
            LogCapture.discardLinesContaining(token);
            assertEquals(List.of(), leaks, "the bearer token reached the container's log");
        }
    }
}
